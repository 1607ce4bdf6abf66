"""Accounts: argon2 hashes, sessions, API tokens, and the ``user`` command."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from conflictwatch import accounts
from conflictwatch.cli import main
from conflictwatch.errors import InputError, NotFound
from conflictwatch.store import Store
from conflictwatch.store import schema as t


def test_users_sessions_and_tokens(open_store):
    store = open_store()
    user = accounts.add_user(store, "carol", "long enough secret", "admin")
    assert user.role == "admin"
    with pytest.raises(InputError, match="already exists"):
        accounts.add_user(store, "carol", "another long secret")
    with pytest.raises(InputError, match="too short"):
        accounts.add_user(store, "dave", "short")
    with pytest.raises(InputError, match="not usable"):
        accounts.add_user(store, "bad name!", "long enough secret")
    with pytest.raises(InputError, match="role"):
        accounts.add_user(store, "erin", "long enough secret", "owner")
    with store.reading() as r:
        stored = r.conn.execute(sa.select(t.users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "long enough secret" not in stored
    assert accounts.authenticate(store, "carol", "long enough secret") == user
    assert accounts.authenticate(store, "carol", "wrong") is None
    assert accounts.authenticate(store, "nobody", "long enough secret") is None

    login = accounts.open_session(store, user)
    assert accounts.session_user(store, login.session_id) == (user, login.csrf)
    assert accounts.session_user(store, "forged") is None
    with store.reading() as r:
        kept = r.conn.execute(sa.select(t.sessions.c.id_hash)).scalar_one()
    assert kept != login.session_id  # only the hash is stored
    accounts.set_password(store, "carol", "a brand new secret")
    assert accounts.session_user(store, login.session_id) is None  # logged out everywhere
    assert accounts.authenticate(store, "carol", "a brand new secret") == user

    token = accounts.issue_token(store, "carol", "nightly export")
    assert token.startswith("cw_") and accounts.token_user(store, token) == user
    assert accounts.token_user(store, token + "x") is None and accounts.token_user(store, "") is None
    with pytest.raises(NotFound):
        accounts.issue_token(store, "nobody")


def test_expired_sessions_do_not_count(open_store):
    store = open_store()
    user = accounts.add_user(store, "frank", "long enough secret")
    login = accounts.open_session(store, user, days=-1)
    assert accounts.session_user(store, login.session_id) is None


def test_user_command(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setattr("sys.stdin", io.StringIO("a secret from stdin\n"))
    assert main(["user", "add", "grace", "--role", "admin", "--db", url]) == 0
    assert "added admin grace" in capsys.readouterr().out
    assert main(["user", "token", "grace", "--db", url]) == 0
    token = capsys.readouterr().out.strip()
    monkeypatch.setattr("sys.stdin", io.StringIO("a secret from stdin\n"))
    assert main(["user", "add", "grace", "--db", url]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["user", "list", "--db", url]) == 0
    assert capsys.readouterr().out.startswith("grace\tadmin\t")
    assert main(["user", "token", "nobody", "--db", url]) == 2
    with Store.open(url) as store:
        assert accounts.token_user(store, token).name == "grace"
        assert accounts.authenticate(store, "grace", "a secret from stdin") is not None


def test_private_reads_setting(tmp_path):
    from conflictwatch.cli import build_parser
    from conflictwatch.errors import ConfigError
    from conflictwatch.serve import create_app
    from conflictwatch.settings import resolve_settings

    assert resolve_settings({}, {}).private_reads is False
    assert resolve_settings({"private_reads": True}, {}).private_reads is True
    assert resolve_settings({}, {"CONFLICTWATCH_PRIVATE_READS": "yes"}).private_reads is True
    with pytest.raises(ConfigError, match="private_reads"):
        resolve_settings({}, {"CONFLICTWATCH_PRIVATE_READS": "sometimes"})
    args = build_parser().parse_args(["serve", "--private-reads", "--db", f"sqlite:///{tmp_path / 's.db'}"])
    settings = resolve_settings({"private_reads": args.private_reads, "db": args.db}, {})
    app = create_app(settings)
    assert app.state.conflictwatch.public_reads is False
    app.state.conflictwatch.store.close()
