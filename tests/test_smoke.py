def test_public_pages_answer(client):
    for path in ("/", "/programmes", "/needs", "/login", "/register", "/privacy"):
        assert client.get(path).status_code == 200, path
