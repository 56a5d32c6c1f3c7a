"""Lesson 1 data: the applications of deep learning and the tensors that go in and out.

Shapes follow well-known models so the numbers are real: ImageNet classifiers
(224×224, 1000 classes), DETR-style detection on COCO (100 box queries, 80 classes + "no
object"), PASCAL VOC segmentation (21 classes), StyleGAN faces (512-d latent, 1024² pixels),
Stable Diffusion prompts (77 CLIP tokens, 512² images), GPT-3 (2048-token context,
50257-token vocabulary), nuScenes' six cameras (900×1600) with a 6-waypoint plan, and
Criteo ad logs (13 numeric + 26 categorical features). Names are keys into the lesson file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

BATCH = "N"


@dataclass(frozen=True)
class Axis:
    name: str            # key ``axis_<name>`` in the lesson file
    size: int | str      # "N" for the batch axis


@dataclass(frozen=True)
class TensorSpec:
    label: str           # key ``t_<label>``
    axes: tuple[Axis, ...]

    @property
    def shape_text(self) -> str:
        return "(" + ", ".join(str(a.size) for a in self.axes) + ")"

    @property
    def ndim(self) -> int:
        return len(self.axes)

    def numel(self, batch: int = 1) -> int:
        """Number of elements with the batch axis set to ``batch``."""
        return math.prod(batch if a.size == BATCH else int(a.size) for a in self.axes)


@dataclass(frozen=True)
class Application:
    key: str             # key ``app_<key>``
    group: str           # key ``group_<group>``
    inputs: tuple[TensorSpec, ...]
    outputs: tuple[TensorSpec, ...]


def _t(label: str, *axes: tuple[str, int | str]) -> TensorSpec:
    return TensorSpec(label, tuple(Axis(name, size) for name, size in axes))


def _image(label: str, side: int | tuple[int, int]) -> TensorSpec:
    h, w = (side, side) if isinstance(side, int) else side
    return _t(label, ("batch", BATCH), ("channels", 3), ("height", h), ("width", w))


APPLICATIONS: tuple[Application, ...] = (
    Application("classification", "vision", (_image("images", 224),),
                (_t("logits", ("batch", BATCH), ("classes", 1000)),)),
    Application("detection", "vision", (_image("images", 640),),
                (_t("boxes", ("batch", BATCH), ("boxes", 100), ("coords", 4)),
                 _t("box_classes", ("batch", BATCH), ("boxes", 100), ("classes", 81)))),
    Application("segmentation", "vision", (_image("images", 512),),
                (_t("pixel_logits", ("batch", BATCH), ("classes", 21), ("height", 512),
                    ("width", 512)),)),
    Application("style_transfer", "generation",
                (_image("content", 512), _image("style", 512)), (_image("stylised", 512),)),
    Application("face_synthesis", "generation", (_t("noise", ("batch", BATCH), ("latent", 512)),),
                (_image("face", 1024),)),
    Application("text_to_image", "generation", (_t("prompt", ("batch", BATCH), ("tokens", 77)),),
                (_image("picture", 512),)),
    Application("text_generation", "decision",
                (_t("tokens", ("batch", BATCH), ("tokens", 2048)),),
                (_t("next_token", ("batch", BATCH), ("tokens", 2048), ("vocab", 50257)),)),
    Application("self_driving", "decision",
                (_t("cameras", ("batch", BATCH), ("cameras", 6), ("channels", 3),
                    ("height", 900), ("width", 1600)),),
                (_t("waypoints", ("batch", BATCH), ("steps", 6), ("xy", 2)),)),
    Application("ad_click", "decision", (_t("features", ("batch", BATCH), ("features", 39)),),
                (_t("click", ("batch", BATCH), ("prob", 1)),)),
)
GROUPS: tuple[str, ...] = ("vision", "generation", "decision")
DEFAULT_APP = "classification"


def application(key: str) -> Application:
    """The application named ``key``; an unknown key gives the default (image classification)."""
    for app in APPLICATIONS:
        if app.key == key:
            return app
    return application(DEFAULT_APP)


def grid_position(key: str) -> tuple[int, int]:
    """(column, row) of an application in the map: one column per group."""
    app = application(key)
    column = GROUPS.index(app.group)
    row = [a.key for a in APPLICATIONS if a.group == app.group].index(app.key)
    return column, row


def string_keys() -> set[str]:
    """Every lesson-file string key this data refers to (a test checks they all exist)."""
    keys = {f"group_{g}" for g in GROUPS}
    for app in APPLICATIONS:
        keys.add(f"app_{app.key}")
        for tensor in app.inputs + app.outputs:
            keys.add(f"t_{tensor.label}")
            keys.update(f"axis_{axis.name}" for axis in tensor.axes)
    return keys
