"""Signs in over IMAPS with Python's imaplib for each (user, password) pair read as JSON from
standard input, and prints a JSON list of booleans, one per pair.
Arguments: host, IMAPS port, CA file."""
import imaplib
import json
import ssl
import sys

host, imaps, ca = sys.argv[1:4]
context = ssl.create_default_context(cafile=ca)
results = []
for user, password in json.load(sys.stdin):
    try:
        with imaplib.IMAP4_SSL(host, int(imaps), ssl_context=context) as imap:
            imap.login(user, password)
            imap.select('INBOX')
            imap.logout()
        results.append(True)
    except imaplib.IMAP4.error:
        results.append(False)
print(json.dumps(results))
