import pytest

pytestmark = pytest.mark.django_db


def test_health_check_reports_database_cache_and_storage(client):
    response = client.get("/healthz", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert set(response.json().values()) == {"OK"}
    assert {"Database", "Cache", "Storage"} <= {name.split("(")[0] for name in response.json()}
    assert "no-cache" in response["Cache-Control"]


def test_health_check_fails_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 500
    failing = [name for name, state in response.json().items() if state != "OK"]
    assert [name.split("(")[0] for name in failing] == ["Cache"]
