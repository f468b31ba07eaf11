"""The secretariat's Textual dashboard: display and dispatch only; every figure comes from core/."""
