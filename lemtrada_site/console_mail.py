"""
Development mail, printed as a person would read it. Django's console backend prints the raw
message, and a message with any character outside ASCII (a dash, a curly quote) is sent
quoted-printable: long lines are cut with "=" at 76 characters, so a printed private link is broken
across lines and, copied, leads nowhere. This prints the headers a developer needs and the text as
written, every link whole.
"""

from django.core.mail.backends import console


class EmailBackend(console.EmailBackend):
    def write_message(self, message):
        self.stream.write(f"From: {message.from_email}\n")
        self.stream.write(f"To: {', '.join(message.to)}\n")
        self.stream.write(f"Subject: {message.subject}\n\n")
        self.stream.write(f"{message.body.rstrip()}\n")
        self.stream.write("-" * 79 + "\n")
