from django.http import QueryDict
from health_check.views import HealthCheckView


class HealthView(HealthCheckView):
    """`/healthz` for load balancers and monitoring: JSON, whatever the client accepts."""

    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
    )

    async def get(self, request, *args, **kwargs):
        request.GET = QueryDict("format=json")
        return await super().get(request, *args, **kwargs)
