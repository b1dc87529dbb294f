"""`python -m timeline.bench.memory URL`: fetch one address of the project (an export) in this
process, reading the response to its end as a client would, and print the bytes it sent and
the process's peak memory (resident set, MB). A process of its own, so the peak is this
export's alone. The database is the environment's (DATABASE_URL)."""

import os
import resource
import sys


def main(url: str):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.bench.settings")
    import django

    django.setup()
    from django.test import Client

    response = Client(HTTP_HOST="127.0.0.1").get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    chunks = response.streaming_content if response.streaming else [response.content]
    sent = sum(len(chunk) for chunk in chunks)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(f"{sent} {peak:.1f}")


if __name__ == "__main__":
    main(sys.argv[1])
