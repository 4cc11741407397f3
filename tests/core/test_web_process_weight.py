"""A web process starts without the data-science libraries: jobs and the few pages that need them load them.

Each of these costs megabytes in every web process for its whole life. A fresh interpreter sets Django up,
imports the URLconf and warms up as `datadam serve`'s master does before it forks the web processes; an import
hook records, for each heavy library, the chain of modules that first asked for it, so a failure names the
import to move into a function or a job module.
"""

import json
import os
import subprocess
import sys
import textwrap

HEAVY = {
    "sklearn": "scikit-learn: the built-in assistants and Cohen's kappa, in assist jobs and agreement figures",
    "sklearn_crfsuite": "the span tagger, trained in assist jobs",
    "crowdkit": "Dawid-Skene, Wawa and ROVER, in aggregation",
    "pandas": "aggregation tables",
    "pyarrow": "Parquet exports, in export and release jobs",
    "scipy": "pulled in by scikit-learn and statsmodels",
    "statsmodels": "Fleiss' kappa, in agreement figures",
    "krippendorff": "Krippendorff's alpha, in agreement figures",
    "numpy": "release report intervals, polygon scoring, audio peaks",
    "PIL": "image probing on upload, release measurements, polygon scoring",
    "soundfile": "audio probing on upload and in release builds",
    "boto3": "only where a bucket is configured or read",
    "botocore": "boto3's core",
    "prometheus_client": "only when /metrics is scraped",
}

PROBE = textwrap.dedent(
    """
    import json, sys
    heavy, chains = set(json.loads(sys.argv[1])), {}

    class Recorder:
        def find_spec(self, name, path=None, target=None):
            top = name.partition(".")[0]
            if top in heavy and top not in chains:
                frame, chain = sys._getframe(1), []
                while frame:
                    module = frame.f_globals.get("__name__", "?")
                    if not module.startswith(("importlib", "_frozen")) and (not chain or chain[-1] != module):
                        chain.append(module)
                    frame = frame.f_back
                chains[top] = " <- ".join([name, *chain])
            return None

    sys.meta_path.insert(0, Recorder())
    import django
    django.setup()
    from django.urls import get_resolver
    get_resolver().url_patterns
    from datadam.core.web_processes import when_ready
    when_ready(None)
    print(json.dumps({name: chains.get(name, "") for name in heavy if name in sys.modules}))
    """
)


def test_the_url_configuration_loads_none_of_the_heavy_libraries(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "datadam.settings", "DATADAM_DATA_DIR": str(tmp_path)}
    for name in ("DATADAM_DATABASE_URL", "DATADAM_S3_MEDIA_BUCKET"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(sorted(HEAVY))],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    problems = [f"{name} ({HEAVY[name]}), first imported by: {chain}" for name, chain in sorted(loaded.items())]
    assert not problems, "a web process would load:\n" + "\n".join(problems)
