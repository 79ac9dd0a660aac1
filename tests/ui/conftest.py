import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import make_app, make_beginner, make_demo


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory):
    return make_demo(tmp_path_factory.mktemp("demo-template"))


@pytest.fixture
def demo_dir(tmp_path, _demo_template):
    """A fresh copy of the demo data folder (6 weeks of an intermediate runner)."""
    target = tmp_path / "data"
    shutil.copytree(_demo_template, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


@pytest.fixture
def beginner_dir(tmp_path):
    return make_beginner(tmp_path / "data")


@pytest.fixture
def close_stores():
    """Apps built in a test hold their data folder's lock: release it afterwards."""
    apps = []
    yield apps.append
    for app in apps:
        app.logbook.close()


@pytest.fixture
def app_for(close_stores):
    """Build the app on a data folder (helpers.make_app); its lock is released afterwards."""

    def build(folder, **kwargs):
        app = make_app(folder, **kwargs)
        close_stores(app)
        return app

    return build
