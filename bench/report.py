"""What the benchmarks' reports share: percentiles and plain-text tables."""

import statistics
from dataclasses import asdict

# Requests per URL with the cache emptied before each: reported, not judged, and slow.
COLD_REQUESTS = 10


def percentile(samples, percent):
    """The inclusive percentile of the samples; a single sample is every percentile."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[percent - 1]


def text_table(header, rows, left, indent=""):
    """Rows of strings in columns, the `left` column numbers aligned left, the others right."""
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.ljust(width) if column in left else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append(indent + "  ".join(cells).rstrip())
    return "\n".join(lines)


class Timed:
    """For a dataclass with `samples_ms`: its percentiles, and its fields as JSON with them."""

    @property
    def p50(self):
        return percentile(self.samples_ms, 50)

    @property
    def p95(self):
        return percentile(self.samples_ms, 95)

    def as_json(self):
        fields = asdict(self)
        fields["samples_ms"] = [round(sample, 2) for sample in self.samples_ms]
        return {
            **fields,
            "requests": len(self.samples_ms),
            "p50_ms": round(self.p50, 2),
            "p95_ms": round(self.p95, 2),
            "max_ms": round(max(self.samples_ms), 2),
        }
