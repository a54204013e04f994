#!/usr/bin/env python3
"""Generates a repository-like tree with planted credentials and a ground truth of them.

    planted_tree.py --seed N --out DIR

DIR receives about 300 files in many syntaxes (Python, JavaScript, TypeScript, Go, Java,
.properties, .ini, .toml, .env, shell, JSON, plain text and Markdown, a docker-compose file,
GitHub Actions workflows, Kubernetes manifests, PEM files) with benign content. Credentials of
several kinds are planted in them, one per line at most, with random values from an RNG seeded
with N, and decoys that a detector must not report (placeholders, references, e-mail addresses,
hostnames, paths, documentation keys). DIR/ground_truth.json lists every planted credential as
{"path", "line", "kind"} (path relative to DIR, line 1-based; a private key block is at its
BEGIN line).

No YAML file is shaped like an OpsiMate config: no top-level providers/services/integrations
list and no top-level `secrets:` map. Python 3 standard library only; the same seed gives the
same tree.
"""
import argparse
import base64
import json
import os
import random
import string
import sys

ALNUM = string.ascii_letters + string.digits
UPPER_DIGITS = string.ascii_uppercase + string.digits
URLSAFE = ALNUM + '-_'
BASE64 = ALNUM + '+/'

# Parts a detector takes for a placeholder: a random value must contain none of them.
STAND_IN_PARTS = ('changeme', 'change_me', 'change-me', 'changeit', 'example', 'dummy', 'redacted',
                  'placeholder', 'sample', 'replace', 'insert', 'xxx', '123456', 'abcdef', 'qwerty',
                  'random', 'yourpass', 'your', 'notreal', 'abc123', '123def', 'test', 'here',
                  'secret', 'token', 'pass', 'key', 'pwd')


class Planter:
    """Random credential and decoy values from one seeded RNG."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def chars(self, alphabet, n):
        while True:
            s = ''.join(self.rng.choice(alphabet) for _ in range(n))
            low = s.lower()
            if any(p in low for p in STAND_IN_PARTS):
                continue
            if len(set(s)) < max(4, n // 3):
                continue
            if any(s[i] == s[i + 1] == s[i + 2] for i in range(len(s) - 2)):
                continue
            return s

    def choice(self, seq):
        return self.rng.choice(seq)

    def password(self):
        """A password-like literal: letters, digits and a few symbols, mixed case, a digit."""
        while True:
            n = self.rng.randint(12, 22)
            body = self.chars(ALNUM + '-_!%', n - 1)
            s = self.rng.choice(string.ascii_letters) + body
            if (any(c.isdigit() for c in s) and any(c.isupper() for c in s) and
                    any(c.islower() for c in s)):
                return s

    # Token kinds: kind -> value
    def aws_access_key_id(self):
        while True:
            v = 'AKIA' + self.chars(string.ascii_uppercase + '234567', 16)
            if not v.endswith('EXAMPLE'):
                return v

    def aws_secret_access_key(self):
        return self.chars(BASE64, 40)

    def github_pat(self):
        return 'ghp_' + self.chars(ALNUM, 36)

    def gitlab_pat(self):
        return 'glpat-' + self.chars(URLSAFE, 20)

    def slack_token(self):
        return 'xoxb-%s-%s-%s' % (self.chars(string.digits, 12), self.chars(string.digits, 13),
                                  self.chars(ALNUM, 24))

    def stripe_secret_key(self):
        return 'sk_live_' + self.chars(ALNUM, self.rng.choice((24, 34, 99)))

    def google_api_key(self):
        return 'AIza' + self.chars(URLSAFE, 35)

    def sendgrid_api_key(self):
        return 'SG.' + self.chars(URLSAFE, 22) + '.' + self.chars(URLSAFE, 43)

    def openai_api_key(self):
        return 'sk-proj-' + self.chars(URLSAFE, 40) + 'T3BlbkFJ' + self.chars(URLSAFE, 40)

    def npm_token(self):
        return 'npm_' + self.chars(ALNUM, 36)

    def jwt(self):
        def b64(data):
            return base64.urlsafe_b64encode(data).rstrip(b'=').decode()
        header = b64(json.dumps({'alg': 'HS256', 'typ': 'JWT'}).encode())
        payload = b64(json.dumps({'sub': self.chars(string.digits, 10),
                                  'name': self.choice(['svc-billing', 'deploy-bot', 'ops']),
                                  'iat': self.rng.randint(1500000000, 1800000000)}).encode())
        return header + '.' + payload + '.' + self.chars(URLSAFE, 43)

    def basic_auth_url(self):
        scheme, port, path = self.choice([('postgres', 5432, '/app'), ('mysql', 3306, '/shop'),
                                          ('mongodb', 27017, '/orders'), ('redis', 6379, '/0'),
                                          ('amqp', 5672, '/'), ('https', None, '/repo.git'),
                                          ('ftp', 21, '/uploads'), ('smtp', 587, ''),
                                          ('postgresql', 5432, '/metrics')])
        user = self.choice(['app', 'deploy', 'svc', 'admin', 'reporter', 'ci'])
        host = self.choice(['db', 'cache', 'mq', 'git.acme-corp.io', 'files.acme-corp.io',
                            'mail.acme-corp.io', 'db-primary.internal'])
        netloc = host if port is None else '%s:%d' % (host, port)
        return '%s://%s:%s@%s%s' % (scheme, user, self.password(), netloc, path)

    def private_key(self):
        label = self.choice(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY',
                             'OPENSSH PRIVATE KEY'])
        lines = ['-----BEGIN %s-----' % label]
        for _ in range(self.rng.randint(4, 9)):
            lines.append(self.chars(BASE64, 64))
        lines.append(self.chars(BASE64, self.rng.randint(8, 60)) + '==')
        lines.append('-----END %s-----' % label)
        return lines


# Kinds planted as one value in an assignment: kind -> (method, key names to assign it to).
TOKEN_KINDS = {
    'aws-access-key-id': ('aws_access_key_id', ['AWS_ACCESS_KEY_ID', 'aws_access_key_id',
                                                'awsAccessKeyId']),
    'aws-secret-access-key': ('aws_secret_access_key', ['AWS_SECRET_ACCESS_KEY',
                                                        'aws_secret_access_key']),
    'github-pat': ('github_pat', ['GITHUB_TOKEN', 'gh_token', 'githubToken', 'GH_PAT']),
    'gitlab-pat': ('gitlab_pat', ['GITLAB_TOKEN', 'gitlab_pat', 'CI_PUSH_TOKEN']),
    'slack-token': ('slack_token', ['SLACK_BOT_TOKEN', 'slack_token', 'slackBotToken']),
    'stripe-secret-key': ('stripe_secret_key', ['STRIPE_SECRET_KEY', 'stripe_key',
                                                'stripeSecretKey']),
    'google-api-key': ('google_api_key', ['GOOGLE_API_KEY', 'maps_api_key', 'googleApiKey']),
    'sendgrid-api-key': ('sendgrid_api_key', ['SENDGRID_API_KEY', 'sendgrid_key',
                                              'sendgridApiKey']),
    'openai-api-key': ('openai_api_key', ['OPENAI_API_KEY', 'openai_key', 'openaiApiKey']),
    'npm-token': ('npm_token', ['NPM_TOKEN', 'npm_auth_token', 'npmToken']),
    'jwt': ('jwt', ['SERVICE_JWT', 'bearer', 'session_jwt', 'authHeader']),
}
PASSWORD_KEYS_SNAKE = ['smtp_pass', 'db_password', 'admin_password', 'password', 'client_secret',
                       'auth_token', 'api_key', 'redis_password', 'ldap_passwd', 'signing_key',
                       'mq_pass', 'secret']
PASSWORD_KEYS_UPPER = ['DB_PASSWORD', 'SMTP_PASS', 'ADMIN_PASSWORD', 'API_KEY', 'REDIS_PASSWORD',
                       'CLIENT_SECRET', 'AUTH_TOKEN', 'MASTER_KEY', 'LDAP_PASSWD']
PASSWORD_KEYS_CAMEL = ['smtpPassword', 'dbPassword', 'adminPassword', 'authToken', 'apiKey',
                       'clientSecret', 'smtpPass', 'signingKey']
URL_KEYS = ['DATABASE_URL', 'database_url', 'broker_url', 'REDIS_URL', 'mirror', 'upstream',
            'MAIL_URL', 'dsn']

KINDS = list(TOKEN_KINDS) + ['password-assignment', 'url-with-password', 'private-key']

# Decoys: (key, value) a detector must not report. Keys look secret-like on purpose.
DECOYS = [
    ('api_key', 'your-api-key-here'),
    ('password', 'changeme'),
    ('password', '<password>'),
    ('db_password', '${DB_PASS}'),
    ('token', 'xxxxxxxx'),
    ('api_key', 'XXXX'),
    ('secret', 'aaaaaaaaaaaa'),
    ('password', '1234567890'),
    ('smtp_user_pass', 'ops@acme-corp.io'),
    ('secret', 'vault.internal.acme-corp.io'),
    ('private_key', '/etc/ssl/private/server.key'),
    ('token_file', '/var/run/secrets/token'),
]
DECOY_URLS = ['postgres://app:${DB_PASS}@db:5432/app', 'amqp://guest:<password>@mq:5672/',
              'https://git.acme-corp.io:8443/team/repo@v1', 'mailto:ops@acme-corp.io']
WORDS = ('order invoice customer report cache queue worker billing inventory shipment ledger '
         'catalog session metrics audit profile account payment refund tenant').split()
HOSTS = ['db.internal.acme-corp.io', 'cache-01.acme-corp.io', 'api.acme-corp.io', 'localhost',
         '10.0.3.17', 'mq.svc.cluster.local']


class Item:
    """A line of a file, or a block of lines whose first line holds a planted credential."""

    def __init__(self, lines, kind=None):
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        self.kind = kind


class Syntax:
    """How one file syntax writes an assignment, a comment and some benign lines."""

    quote = '"'

    def __init__(self, planter):
        self.p = planter
        self.used = set()

    def unique(self, key):
        """KEY, or KEY with a word in front when the file already has it (YAML and JSON must
        not repeat a key)."""
        while key in self.used:
            word = self.p.choice(WORDS)
            if key.isupper():
                key = word.upper() + '_' + key
            elif '_' in key or '.' in key or key.islower():
                key = word + '_' + key
            else:
                key = word + key[0].upper() + key[1:]
        self.used.add(key)
        return key

    def comment(self, text):
        return '# ' + text

    def _assign(self, key, value, indent=''):
        return '%s%s = %s%s%s' % (indent, key, self.quote, value, self.quote)

    def assign(self, key, value, indent=''):
        return self._assign(self.unique(key), value, indent)

    def header(self, path):
        return []

    def footer(self):
        return []

    def indent(self):
        return ''

    def keys(self, style):
        return {'snake': PASSWORD_KEYS_SNAKE, 'upper': PASSWORD_KEYS_UPPER,
                'camel': PASSWORD_KEYS_CAMEL}[style]

    def key_style(self):
        return 'snake'

    def benign(self):
        """A few benign lines (one Item each)."""
        p = self.p
        w = p.choice(WORDS)
        n = p.rng.randint(1, 500)
        return [self.comment('%s settings for the %s service' % (w, p.choice(WORDS))),
                self.assign('%s_timeout' % w, str(n), self.indent()),
                self.assign('%s_host' % w, p.choice(HOSTS), self.indent())]

    def env_read(self):
        return []

    def pick_key(self, names):
        style = self.key_style()
        for n in names:
            if style == 'camel' and n[0].islower() and any(c.isupper() for c in n):
                return n
        for n in names:
            if style == 'upper' and n.isupper():
                return n
        for n in names:
            if style == 'snake' and n.islower():
                return n
        return names[0]


class Python(Syntax):
    def header(self, path):
        return ['"""%s module."""' % self.p.choice(WORDS).title(), 'import os', 'import logging',
                '', 'log = logging.getLogger(__name__)', '']

    def key_style(self):
        return self.p.choice(['snake', 'upper'])

    def benign(self):
        w = self.p.choice(WORDS)
        return super().benign() + [
            Item(['', 'def load_%s(path):' % w, '    with open(path) as f:',
                  '        return [line.strip() for line in f]', '']),
            'RETRIES = %d' % self.p.rng.randint(1, 9)]

    def env_read(self):
        return ['db_password = os.environ["DB_PASSWORD"]',
                'token = os.getenv("GITHUB_TOKEN", "")', 'password = self.password',
                'api_key = settings.get_api_key()']


class JavaScript(Syntax):
    quote = "'"

    def _assign(self, key, value, indent=''):
        return "%sconst %s = '%s';" % (indent, key, value)

    def comment(self, text):
        return '// ' + text

    def header(self, path):
        return ["'use strict';", "const path = require('path');", '']

    def key_style(self):
        return self.p.choice(['snake', 'camel', 'upper'])

    def benign(self):
        w = self.p.choice(WORDS)
        return super().benign() + [
            Item(['', 'function %sCount(items) {' % w, '  return items.filter(Boolean).length;',
                  '}', ''])]

    def env_read(self):
        return ['const apiKey = process.env.API_KEY;', 'const password = config.db.password;']


class TypeScript(JavaScript):
    def _assign(self, key, value, indent=''):
        return "%sexport const %s: string = '%s';" % (indent, key, value)

    def header(self, path):
        return ["import { readFileSync } from 'fs';", '']

    def benign(self):
        w = self.p.choice(WORDS)
        return Syntax.benign(self) + [
            Item(['', 'export interface %s {' % w.title(), '  id: number;', '  password: string;',
                  '}', ''])]


class Go(Syntax):
    def _assign(self, key, value, indent=''):
        return '\t%s := "%s"' % (key, value)

    def comment(self, text):
        return '\t// ' + text

    def header(self, path):
        return ['package %s' % self.p.choice(WORDS), '', 'import "os"', '', 'func setup() {']

    def footer(self):
        return ['\t_ = os.Args', '}']

    def key_style(self):
        return self.p.choice(['snake', 'camel'])

    def env_read(self):
        return ['\tsmtpPass := os.Getenv("SMTP_PASS")', '\tpassword := cfg.Password']


class Java(Syntax):
    def _assign(self, key, value, indent=''):
        return '    private static final String %s = "%s";' % (key, value)

    def comment(self, text):
        return '    // ' + text

    def header(self, path):
        name = os.path.splitext(os.path.basename(path))[0]
        return ['package com.acme.%s;' % self.p.choice(WORDS), '', 'public class %s {' % name]

    def footer(self):
        return ['}']

    def key_style(self):
        return self.p.choice(['upper', 'camel'])

    def env_read(self):
        return ['    private final String dbPassword = System.getenv("DB_PASSWORD");']


class Properties(Syntax):
    def _assign(self, key, value, indent=''):
        return '%s=%s' % (key, value)

    def keys(self, style):
        return ['spring.datasource.password', 'mail.smtp.password', 'db.password',
                'app.api_key', 'jwt.secret', 'ldap.passwd']



class Ini(Syntax):
    def _assign(self, key, value, indent=''):
        return '%s = %s' % (key, value)

    def header(self, path):
        return ['[%s]' % self.p.choice(WORDS)]

    def comment(self, text):
        return '; ' + text


class Toml(Syntax):
    def header(self, path):
        return ['[%s]' % self.p.choice(WORDS)]


class DotEnv(Syntax):
    def _assign(self, key, value, indent=''):
        return '%s=%s' % (key.upper(), value)

    def key_style(self):
        return 'upper'

    def env_read(self):
        return ['DB_PASSWORD=${VAULT_DB_PASSWORD}']


class Shell(Syntax):
    def _assign(self, key, value, indent=''):
        return 'export %s="%s"' % (key.upper(), value)

    def header(self, path):
        return ['#!/usr/bin/env bash', 'set -euo pipefail', '']

    def key_style(self):
        return 'upper'

    def benign(self):
        return super().benign() + ['echo "deploying %s"' % self.p.choice(WORDS),
                                   'mkdir -p "/var/lib/%s"' % self.p.choice(WORDS)]

    def env_read(self):
        return ['export TOKEN="$GITHUB_TOKEN"', 'curl -u "$USER:$PASSWORD" https://api.acme-corp.io']


class Text(Syntax):
    """Plain text and Markdown: `key: value` lines among prose."""

    def _assign(self, key, value, indent=''):
        return '%s: %s' % (key, value)

    def comment(self, text):
        return text[0].upper() + text[1:] + '.'

    def benign(self):
        p = self.p
        return [self.comment('the %s job runs nightly on %s' % (p.choice(WORDS), p.choice(HOSTS))),
                'Contact ops@acme-corp.io if the %s export fails.' % p.choice(WORDS),
                'Logs are written to /var/log/%s/%s.log' % (p.choice(WORDS), p.choice(WORDS)), '']


class Json(Syntax):
    """A flat JSON object; the caller adds commas."""

    def _assign(self, key, value, indent=''):
        return '  "%s": "%s"' % (key, value)

    def comment(self, text):
        return None

    def key_style(self):
        return self.p.choice(['snake', 'camel'])

    def benign(self):
        p = self.p
        w = p.choice(WORDS)
        return ['  "%s": %d' % (self.unique(w + '_timeout'), p.rng.randint(1, 500)),
                '  "%s": "%s"' % (self.unique(w + '_host'), p.choice(HOSTS)),
                '  "%s": true' % self.unique(p.choice(WORDS) + '_enabled')]


class YamlMap(Syntax):
    """Entries of a YAML mapping at a fixed indent (compose environment, workflow env, ConfigMap
    data)."""

    def __init__(self, planter, indent):
        super().__init__(planter)
        self.pad = indent

    def _assign(self, key, value, indent=''):
        return '%s%s: "%s"' % (self.pad, key, value)

    def comment(self, text):
        return self.pad + '# ' + text

    def key_style(self):
        return 'upper'

    def benign(self):
        p = self.p
        w = p.choice(WORDS).upper()
        return ['%s%s: "%d"' % (self.pad, self.unique(w + '_TIMEOUT'), p.rng.randint(1, 500)),
                '%s%s: %s' % (self.pad, self.unique(w + '_HOST'), p.choice(HOSTS))]

    def env_read(self):
        return ['%s%s: ${DB_PASSWORD}' % (self.pad, self.unique('DB_PASSWORD'))]


def credential(syntax, kind):
    """An Item planting one credential of KIND in SYNTAX."""
    p = syntax.p
    if kind == 'private-key':
        return Item(p.private_key(), kind)
    if kind == 'password-assignment':
        key = p.choice(syntax.keys(syntax.key_style()))
        return Item(syntax.assign(key, p.password(), syntax.indent()), kind)
    if kind == 'url-with-password':
        key = p.choice(URL_KEYS)
        return Item(syntax.assign(key, p.basic_auth_url(), syntax.indent()), kind)
    method, names = TOKEN_KINDS[kind]
    value = getattr(p, method)()
    if isinstance(syntax, Properties):
        key = names[0].lower().replace('_', '.')
    else:
        shuffled = list(names)
        p.rng.shuffle(shuffled)
        key = syntax.pick_key(shuffled)
    return Item(syntax.assign(key, value, syntax.indent()), kind)


def decoys(syntax):
    """Items that must not be reported."""
    p = syntax.p
    out = []
    for key, value in p.rng.sample(DECOYS, 3):
        if isinstance(syntax, (DotEnv, Shell)) or syntax.key_style() == 'upper':
            key = key.upper()
        out.append(syntax.assign(key, value, syntax.indent()))
    if p.rng.random() < 0.3:
        out.append(syntax.assign(p.choice(URL_KEYS), p.choice(DECOY_URLS), syntax.indent()))
    if p.rng.random() < 0.2:
        out.append(syntax.assign('AWS_ACCESS_KEY_ID' if syntax.key_style() == 'upper'
                                 else 'aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE',
                                 syntax.indent()))
    return out


class Tree:
    def __init__(self, seed, out):
        self.p = Planter(seed)
        self.out = out
        self.truth = []
        self.kind_cycle = []

    def next_kind(self, allowed):
        """Kinds in a shuffled round robin, so each is planted about equally often."""
        for _ in range(len(KINDS) * 2):
            if not self.kind_cycle:
                self.kind_cycle = list(KINDS)
                self.p.rng.shuffle(self.kind_cycle)
            kind = self.kind_cycle.pop()
            if kind in allowed:
                return kind
            self.kind_cycle.insert(0, kind)
        return self.p.choice(sorted(allowed))

    def write(self, path, items):
        """Writes ITEMS (str, Item or None) to PATH and records the planted credentials."""
        lines = []
        for item in items:
            if item is None:
                continue
            if isinstance(item, str):
                item = Item(item)
            if item.kind is not None:
                self.truth.append({'path': path, 'line': len(lines) + 1, 'kind': item.kind})
            lines.extend(item.lines)
        full = os.path.join(self.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'w', newline='\n') as f:
            f.write('\n'.join(lines) + '\n')

    def body(self, syntax, allowed, planted):
        """Benign lines with PLANTED credentials and some decoys mixed in."""
        p = self.p
        items = []
        for _ in range(p.rng.randint(2, 5)):
            items.extend(syntax.benign())
        extras = [credential(syntax, self.next_kind(allowed)) for _ in range(planted)]
        if p.rng.random() < 0.5:
            extras.extend(decoys(syntax))
        if p.rng.random() < 0.4:
            extras.extend(syntax.env_read())
        for extra in extras:
            items.insert(p.rng.randint(0, len(items)), extra)
        return items

    def source_file(self, path, syntax, allowed):
        planted = self.p.choice([0, 0, 1, 1, 1, 2, 3])
        items = syntax.header(path) + self.body(syntax, allowed, planted) + syntax.footer()
        self.write(path, items)

    def json_file(self, path):
        syntax = Json(self.p)
        items = [i for i in self.body(syntax, set(KINDS) - {'private-key'},
                                      self.p.choice([0, 1, 1, 2])) if i is not None]
        flat = []
        for i in items:
            flat.extend([i] if isinstance(i, str) else [i])
        out = ['{']
        for n, i in enumerate(flat):
            comma = ',' if n + 1 < len(flat) else ''
            if isinstance(i, Item):
                out.append(Item([i.lines[0] + comma], i.kind))
            else:
                out.append(i + comma)
        out.append('}')
        self.write(path, out)

    def compose_file(self, path):
        p = self.p
        env = YamlMap(p, '      ')
        items = ['services:']
        for svc in p.rng.sample(WORDS, 3):
            items += ['  %s:' % svc, '    image: acme/%s:%d.%d' % (svc, p.rng.randint(1, 9),
                                                                   p.rng.randint(0, 20)),
                      '    restart: unless-stopped', '    environment:']
            items += self.body(env, set(KINDS) - {'private-key'}, p.choice([0, 1, 2]))
        items += ['volumes:', '  data: {}']
        self.write(path, items)

    def workflow_file(self, path):
        p = self.p
        env = YamlMap(p, '          ')
        items = ['name: %s' % p.choice(WORDS), 'on: [push, pull_request]', 'jobs:', '  build:',
                 '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4',
                 '      - run: make test', '        env:',
                 '          API_TOKEN: ${{ secrets.API_TOKEN }}']
        items += self.body(env, set(KINDS) - {'private-key'}, p.choice([0, 1, 2]))
        self.write(path, items)

    def k8s_file(self, path):
        p = self.p
        name = p.choice(WORDS)
        data = YamlMap(p, '  ')
        items = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: %s-config' % name,
                 '  labels:', '    app: %s' % name, 'data:']
        items += self.body(data, set(KINDS) - {'private-key'}, p.choice([0, 1, 1, 2]))
        items += ['---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:',
                  '  name: %s' % name, 'spec:', '  replicas: %d' % p.rng.randint(1, 5),
                  '  template:', '    spec:', '      containers:', '        - name: %s' % name,
                  '          image: acme/%s:latest' % name, '          env:',
                  '            - name: DB_PASSWORD', '              valueFrom:',
                  '                secretKeyRef: {name: %s-db, key: password}' % name]
        # A value on the line after its name: only kinds with their own shape (a prefix) are
        # found there; the rules never join two lines.
        if p.rng.random() < 0.5:
            kind = self.next_kind(set(TOKEN_KINDS) - {'aws-secret-access-key'})
            value = getattr(p, TOKEN_KINDS[kind][0])()
            items += ['            - name: %s' % TOKEN_KINDS[kind][1][0],
                      Item('              value: "%s"' % value, kind)]
        self.write(path, items)

    def pem_file(self, path):
        items = [credential(Text(self.p), 'private-key')]
        self.write(path, items)

    def markdown_file(self, path):
        p = self.p
        text = Text(p)
        items = ['# %s runbook' % p.choice(WORDS).title(), '']
        items += self.body(text, set(KINDS), p.choice([0, 1, 1, 2]))
        if p.rng.random() < 0.3:
            items += ['', '```', 'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', '```']
        self.write(path, items)

    def dotenv_file(self, path):
        p = self.p
        items = self.body(DotEnv(p), set(KINDS) - {'private-key'}, p.choice([1, 1, 2, 3]))
        if p.rng.random() < 0.5:
            items += ['PASSWORD=', 'SERVICE_16=alert']
        self.write(path, items)

    def generate(self):
        p = self.p
        code = set(KINDS) - {'private-key'}
        plan = [
            (45, 'src/%s/%s.py', lambda: Python(p), code),
            (30, 'web/%s/%s.js', lambda: JavaScript(p), code),
            (25, 'web/%s/%s.ts', lambda: TypeScript(p), code),
            (25, 'svc/%s/%s.go', lambda: Go(p), code),
            (20, 'java/%s/%s.java', lambda: Java(p), code),
            (15, 'config/%s/%s.properties', lambda: Properties(p), code),
            (15, 'config/%s/%s.ini', lambda: Ini(p), code),
            (15, 'config/%s/%s.toml', lambda: Toml(p), code),
            (20, 'scripts/%s/%s.sh', lambda: Shell(p), code),
            (20, 'notes/%s/%s.txt', lambda: Text(p), set(KINDS)),
        ]
        used = set()

        def fresh(pattern, ext=''):
            while True:
                d, f = p.choice(WORDS), p.choice(WORDS) + '_' + p.chars(string.ascii_lowercase, 4)
                if '%s' in pattern:
                    path = pattern % (d, f.title() if pattern.endswith('.java') else f)
                else:
                    path = pattern
                if path not in used:
                    used.add(path)
                    return path

        for count, pattern, make, allowed in plan:
            for _ in range(count):
                self.source_file(fresh(pattern), make(), allowed)
        for _ in range(20):
            self.json_file(fresh('config/%s/%s.json'))
        for _ in range(15):
            self.dotenv_file(fresh('env/%s/%s.env'))
        for _ in range(20):
            self.markdown_file(fresh('docs/%s/%s.md'))
        self.compose_file(fresh('docker-compose.yml'))
        for _ in range(3):
            self.compose_file(fresh('deploy/%s/docker-compose.%s.yml'))
        for _ in range(5):
            self.workflow_file(fresh('.github/workflows/%s-%s.yml'))
        for _ in range(10):
            self.k8s_file(fresh('k8s/%s/%s.yaml'))
        for _ in range(5):
            self.pem_file(fresh('keys/%s/%s.pem'))
        self.truth.sort(key=lambda t: (t['path'], t['line']))
        with open(os.path.join(self.out, 'ground_truth.json'), 'w') as f:
            json.dump(self.truth, f, indent=1)
            f.write('\n')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--seed', type=int, required=True)
    parser.add_argument('--out', required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    Tree(args.seed, args.out).generate()
    return 0


if __name__ == '__main__':
    sys.exit(main())
