"""What the benchmarks' reports share: percentiles and plain-text tables."""

import statistics


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
