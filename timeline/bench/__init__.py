"""The benchmark behind `make bench` (`manage.py benchmark`): each figure a ratio to an anchor,
taken side by side in one run on a database of its own.

texts.py    made-up Indonesian-like article texts
world.py    a made-up story to measure: sides, propositions, hundreds of actors, claims
anchors.py  what each figure is compared with (COPY of the same rows, a bare page)
timing.py   A B A B ... runs and their medians
fortunes.py, urls.py, settings.py
            the bare page (TechEmpower's Fortunes) served beside the project's own pages
memory.py   one export in a process of its own, to read its peak memory
"""
