"""Tries one login on each mail protocol with Python's own clients (imaplib, poplib, smtplib) over
implicit TLS and prints a JSON report: {"imap": true|false, "pop3": ..., "smtp": ...}.
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
    report['imap'] = True
except imaplib.IMAP4.error:
    report['imap'] = False

try:
    pop = poplib.POP3_SSL(host, int(pop3s), context=context)
    pop.user(user)
    pop.pass_(password)
    pop.quit()
    report['pop3'] = True
except poplib.error_proto:
    report['pop3'] = False

try:
    with smtplib.SMTP_SSL(host, int(submissions), context=context) as smtp:
        smtp.login(user, password)
    report['smtp'] = True
except smtplib.SMTPAuthenticationError:
    report['smtp'] = False

print(json.dumps(report))
