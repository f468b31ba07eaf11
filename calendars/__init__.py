"""Calendar feeds (RFC 5545) of a plan's deadlines, duties, milestones and flags, and a server for them."""
