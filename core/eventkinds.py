"""The kinds of event the secretariat records, each starting obligations (core.triggers).

Apart from the model so that the command line can offer them without importing it.
"""

EVENT_KINDS = ("admission", "key_person", "settlement", "cold_spell", "heat_wave")
