"""Tries one login on each mail protocol with Python's own clients (imaplib, poplib, smtplib) over
implicit TLS and prints what each server answered, as JSON: "OK" for a login that worked, else the
refusal's text ({"imap": "...", "pop3": "...", "smtp": "..."}).
Arguments: host, IMAPS port, POP3S port, submissions port, CA file, user, password."""
import imaplib
import json
import poplib
import smtplib
import ssl
import sys

host, imaps, pop3s, submissions, ca, user, password = sys.argv[1:8]
context = ssl.create_default_context(cafile=ca)
report = {}

try:
    with imaplib.IMAP4_SSL(host, int(imaps), ssl_context=context) as imap:
        imap.login(user, password)
        imap.logout()
    report['imap'] = 'OK'
except imaplib.IMAP4.error as error:
    report['imap'] = str(error)

try:
    pop = poplib.POP3_SSL(host, int(pop3s), context=context)
    pop.user(user)
    pop.pass_(password)
    pop.quit()
    report['pop3'] = 'OK'
except poplib.error_proto as error:
    report['pop3'] = str(error)

try:
    with smtplib.SMTP_SSL(host, int(submissions), context=context) as smtp:
        smtp.login(user, password)
    report['smtp'] = 'OK'
except smtplib.SMTPAuthenticationError as error:
    report['smtp'] = f'{error.smtp_code} {error.smtp_error.decode()}'

print(json.dumps(report))
