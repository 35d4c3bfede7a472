"""Drives the IMAP message commands with Python's imaplib (issue 5, real clients) and prints a JSON
report for imaplib.test.ts. Arguments: port, CA file, user, password, SHA-256 of message 1."""
import hashlib
import imaplib
import json
import ssl
import sys

port, ca, user, password, expected_sha = sys.argv[1:6]
context = ssl.create_default_context(cafile=ca)
report = {}
with imaplib.IMAP4_SSL('localhost', int(port), ssl_context=context) as imap:
    imap.login(user, password)
    typ, data = imap.select('INBOX')
    report['select'] = [typ, data[0].decode()]

    typ, data = imap.fetch('1:*', '(UID FLAGS ENVELOPE BODYSTRUCTURE)')
    report['fetch_count'] = len([d for d in data if d is not None])
    report['fetch_first'] = data[0].decode() if isinstance(data[0], bytes) else data[0][0].decode()

    typ, data = imap.fetch('1', '(BODY.PEEK[])')
    body = data[0][1]
    report['body_sha_ok'] = hashlib.sha256(body).hexdigest() == expected_sha
    typ, data = imap.fetch('1', '(FLAGS)')
    report['flags_after_peek'] = data[0].decode()

    typ, data = imap.fetch('2', '(BODY[TEXT])')
    report['text_fetch_meta'] = data[0][0].decode()
    typ, data = imap.fetch('2', '(FLAGS)')
    report['flags_after_body'] = data[0].decode()

    typ, data = imap.search(None, 'SUBJECT', 'riunione')
    report['search_subject'] = data[0].decode()
    typ, data = imap.search('UTF-8', 'BODY', '"anch\u2019io"'.encode('utf-8'))
    report['search_body_utf8'] = data[0].decode()
    typ, data = imap.uid('SEARCH', None, 'BODY', 'mandragola')
    report['uid_search_pec'] = data[0].decode()

    typ, data = imap.store('3', '+FLAGS', '(\\Flagged $Fattura)')
    report['store'] = [typ, data[0].decode()]
    typ, data = imap.search(None, 'FLAGGED')
    report['search_flagged'] = data[0].decode()

    typ, data = imap.sort('(REVERSE DATE)', 'UTF-8', 'ALL')
    report['sort'] = [typ, data[0].decode()]
    typ, data = imap.thread('REFERENCES', 'UTF-8', 'ALL')
    report['thread'] = [typ, data[0].decode()]

    typ, data = imap.copy('1:2', 'Trash')
    report['copy'] = [typ, data[0].decode()]
    message = b'From: py@pec.test\r\nSubject: da imaplib\r\n\r\nciao\r\n'
    typ, data = imap.append('INBOX', '(\\Seen)', imaplib.Time2Internaldate(1730800000), message)
    report['append'] = [typ, data[0].decode()]
    typ, data = imap.store('1', '+FLAGS.SILENT', '(\\Deleted)')
    typ, data = imap.expunge()
    report['expunge'] = [typ, [d.decode() for d in data if d is not None]]
    imap.logout()
print(json.dumps(report))
