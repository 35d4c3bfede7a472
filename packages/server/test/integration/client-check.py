# Test-only: a mail client that knows nothing but an autoconfig or autodiscover document. It reads
# the document, then for every server it lists connects with exactly that host, port and security
# (imaplib, poplib, smtplib), verifies the certificate against the given CA, signs in and says so:
# one JSON line per server.
import json, imaplib, poplib, smtplib, ssl, sys, urllib.request
import xml.etree.ElementTree as ET

o = json.load(sys.stdin)
ctx = ssl.create_default_context(cafile=o['caFile'])
user, password = o['user'], o['password']
servers = []
if o['kind'] == 'autoconfig':
    with urllib.request.urlopen(o['url']) as r:
        root = ET.fromstring(r.read())
    for el in root.iter():
        if el.tag in ('incomingServer', 'outgoingServer'):
            servers.append({
                'protocol': el.get('type'),
                'host': el.findtext('hostname'),
                'port': int(el.findtext('port')),
                'security': {'SSL': 'tls', 'STARTTLS': 'starttls'}[el.findtext('socketType')],
                'username': el.findtext('username').replace('%EMAILADDRESS%', user),
            })
else:
    body = ('<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">'
            '<Request><EMailAddress>%s</EMailAddress><AcceptableResponseSchema>'
            'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a'
            '</AcceptableResponseSchema></Request></Autodiscover>' % user).encode()
    req = urllib.request.Request(o['url'], data=body, headers={'Content-Type': 'text/xml'})
    with urllib.request.urlopen(req) as r:
        root = ET.fromstring(r.read())
    ns = '{http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a}'
    for p in root.iter(ns + 'Protocol'):
        assert p.findtext(ns + 'SSL') == 'on'
        servers.append({
            'protocol': p.findtext(ns + 'Type').lower(),
            'host': p.findtext(ns + 'Server'),
            'port': int(p.findtext(ns + 'Port')),
            'security': {'SSL': 'tls', 'TLS': 'starttls'}[p.findtext(ns + 'Encryption')],
            'username': p.findtext(ns + 'LoginName'),
        })

for s in servers:
    h, port, sec, name = s['host'], s['port'], s['security'], s['username']
    if s['protocol'] == 'imap':
        c = imaplib.IMAP4_SSL(h, port, ssl_context=ctx) if sec == 'tls' else imaplib.IMAP4(h, port)
        if sec == 'starttls':
            c.starttls(ssl_context=ctx)
        typ, _ = c.login(name, password)
        ok = typ == 'OK' and c.select('INBOX')[0] == 'OK'
        c.logout()
    elif s['protocol'] == 'pop3':
        c = poplib.POP3_SSL(h, port, context=ctx) if sec == 'tls' else poplib.POP3(h, port)
        if sec == 'starttls':
            c.stls(context=ctx)
        c.user(name)
        ok = c.pass_(password).startswith(b'+OK')
        c.stat()
        c.quit()
    else:
        c = smtplib.SMTP_SSL(h, port, context=ctx) if sec == 'tls' else smtplib.SMTP(h, port)
        c.ehlo()
        if sec == 'starttls':
            c.starttls(context=ctx)
            c.ehlo()
        ok = c.login(name, password)[0] == 235
        c.quit()
    print(json.dumps({**s, 'signedIn': ok}), flush=True)
