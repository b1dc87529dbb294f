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
    print(f"{sent} {peak_megabytes():.1f}")


def peak_megabytes() -> float:
    """This process's peak resident set: Linux's VmHWM, which starts afresh when a program
    starts (getrusage's ru_maxrss would carry the parent's, that forked this process)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main(sys.argv[1])
