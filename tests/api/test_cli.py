"""`studio keys` from the command line: the printed key works on the API until revoked."""

from __future__ import annotations

from typer.testing import CliRunner

from studio.cli import get_app


def test_keys_create_list_revoke_and_add_user(client, settings):
    runner = CliRunner()
    app = get_app()
    created = runner.invoke(app, ["keys", "create", "--name", "ERP"])
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[0]
    assert token.startswith("sk_")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/products", headers=headers).status_code == 200

    listed = runner.invoke(app, ["keys", "list"])
    assert "ERP" in listed.stdout and token not in listed.stdout

    key_id = client.get("/api/v1/keys", headers=headers).json()["data"][0]["id"]
    assert runner.invoke(app, ["keys", "revoke", str(key_id)]).exit_code == 0
    assert client.get("/api/v1/products", headers=headers).status_code == 401
    missing = runner.invoke(app, ["keys", "revoke", "99999"])
    assert missing.exit_code == 1 and "studio keys list" in missing.output

    added = runner.invoke(app, ["keys", "add-user", "bo@shop.example", "--password",
                                "long enough pw"])
    assert added.exit_code == 0, added.output
    signed = client.post("/api/v1/auth/sign-in",
                         json={"email": "bo@shop.example", "password": "long enough pw"})
    assert signed.status_code == 200
    short = runner.invoke(app, ["keys", "add-user", "cy@shop.example", "--password", "short"])
    assert short.exit_code == 2 and "8 characters" in short.output  # 2: fix the input


def test_serve_is_a_command():
    result = CliRunner().invoke(get_app(), ["serve", "--help"])
    assert result.exit_code == 0 and "--no-worker" in result.stdout
