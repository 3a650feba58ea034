"""Build hook only (settings live in pyproject.toml): ship models/*.onnx inside the wheel.

A regular (non-editable) install then finds the models in ``mediascrub/data/models/``;
editable installs and source checkouts read ``models/`` directly (see ``mediascrub.models``).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithModels(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "mediascrub" / "data" / "models"
        target.mkdir(parents=True, exist_ok=True)
        for model in sorted((Path(__file__).parent / "models").glob("*.onnx")):
            shutil.copy2(model, target / model.name)


setup(cmdclass={"build_py": BuildPyWithModels})
