"""
The site's date and time formats where Django's British English ones don't suit it (the rest are Django's).
A time is written as a British editor writes it, 16:47, and a date in full: "4 December 2026, 16:47". (Django's
"4 Dec 2026, 4:47 p.m." ended in a full stop of its own, and every sentence after it had two.)
"""

DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
