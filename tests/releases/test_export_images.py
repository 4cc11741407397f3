"""Image exports of real photos (a gray one and a colour one) read back by their own tools: pycocotools and
globox for COCO with keypoints, globox for Pascal VOC, and the Ultralytics pose layout for YOLO pose."""

import json
import re

import numpy as np
import pytest
import yaml
from PIL import Image

from tests.releases.exporting import POSE, collect, image_project, unzip

GRAY, RGB = (384, 303), (640, 427)
POINTS = {"head": (300.5, 100.25), "left_hand": (250, 180), "feet": (350, 300.75)}


@pytest.fixture
def photos(cast):
    return image_project(cast)


def test_coco_holds_keypoints_that_pycocotools_evaluates_at_ap_one_with_the_boxes(photos, tmp_path) -> None:
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    path = tmp_path / "instances.json"
    path.write_bytes(collect(photos, "coco"))
    gold = COCO(str(path))

    pose = next(category for category in gold.cats.values() if "keypoints" in category)
    assert (pose["name"], pose["keypoints"], pose["skeleton"]) == ("pose", POSE, [])
    person = next(annotation for annotation in gold.anns.values() if annotation["category_id"] == pose["id"])
    expected = [value for name in POSE if name in POINTS for value in (*POINTS[name], 2)]
    assert person["keypoints"][:6] + person["keypoints"][9:] == expected
    assert person["keypoints"][6:9] == [0, 0, 0] and person["num_keypoints"] == 3
    assert person["bbox"] == [250, 100.25, 100, 200.5]
    assert sorted((image["width"], image["height"]) for image in gold.imgs.values()) == sorted([GRAY, RGB])

    for iou_type, categories in (("bbox", sorted(gold.cats)), ("keypoints", [pose["id"]])):
        chosen = [annotation for annotation in gold.anns.values() if annotation["category_id"] in categories]
        evaluation = COCOeval(gold, gold.loadRes([{**annotation, "score": 1.0} for annotation in chosen]), iou_type)
        evaluation.params.catIds = categories
        evaluation.params.kpt_oks_sigmas = np.full(len(POSE), 0.05)
        evaluation.evaluate(), evaluation.accumulate(), evaluation.summarize()
        assert evaluation.stats[0] == pytest.approx(1.0), iou_type


def test_globox_reads_the_coco_boxes_back(photos, tmp_path) -> None:
    from globox import AnnotationSet

    path = tmp_path / "instances.json"
    path.write_bytes(collect(photos, "coco"))

    read = AnnotationSet.from_coco(path)

    boxes = sorted((box.label, *(round(value, 2) for value in box.ltrb)) for image in read for box in image.boxes)
    assert ("coin", 10.4, 20.6, 60.6, 60.9) in boxes and ("person", 240, 90, 360, 310) in boxes


def test_coco_zip_ships_each_photo_at_the_size_the_json_says(photos, tmp_path) -> None:
    folder = unzip(collect(photos, "coco_zip"), tmp_path)
    document = json.loads((folder / "annotations" / "instances.json").read_text())

    for image in document["images"]:
        with Image.open(folder / "images" / image["file_name"]) as opened:
            assert opened.size == (image["width"], image["height"])
    assert len(document["images"]) == 2


def test_pascal_voc_writes_the_real_depth_and_whole_pixel_corners_that_globox_reads(photos, tmp_path) -> None:
    from globox import AnnotationSet

    folder = unzip(collect(photos, "voc"), tmp_path)
    documents = {path.stem: path.read_text() for path in (folder / "Annotations").iterdir()}

    depths = {}
    for stem, document in documents.items():
        image_name = re.search(r"<filename>(.+)</filename>", document).group(1)
        with Image.open(folder / "JPEGImages" / image_name) as opened:
            depths[stem] = (opened.mode, int(re.search(r"<depth>(\d+)</depth>", document).group(1)))
        assert all(corner.isdigit() for corner in re.findall(r"<[xy](?:min|max)>([^<]*)<", document))
    assert sorted(depths.values()) == [("L", 1), ("RGB", 3)]

    read = AnnotationSet.from_pascal_voc(folder / "Annotations")
    boxes = sorted((box.label, *box.ltrb) for annotation in read for box in annotation.boxes)
    # 1-based and inclusive, rounded outward: x 10.4–60.6 covers pixels 10–60 (from 0), written 11–61.
    assert boxes == [("coin", 1, 1, 384, 303), ("coin", 11, 21, 61, 61), ("person", 241, 91, 360, 310)]
    assert sorted(annotation.image_size for annotation in read) == sorted([GRAY, RGB])


def test_yolo_pose_lines_hold_the_box_and_every_keypoint_normalized(photos, tmp_path) -> None:
    from globox import AnnotationSet

    folder = unzip(collect(photos, "yolo_pose"), tmp_path)
    config = yaml.safe_load((folder / "data.yaml").read_text())
    assert config["kpt_shape"] == [len(POSE), 3] and config["names"] == {0: "pose"}
    assert config["kpt_names"] == {0: POSE}
    assert config["flip_idx"] == [0, 2, 1, 3]  # mirrored, the left hand is the right one
    assert (folder / config["train"]).is_dir()

    lines = [line.split() for path in (folder / "labels" / "train").iterdir() for line in path.read_text().splitlines()]
    assert len(lines) == 1 and len(lines[0]) == 5 + 3 * len(POSE)
    values = [float(value) for value in lines[0][1:]]
    triplets = [values[4 + 3 * index : 7 + 3 * index] for index in range(len(POSE))]
    for name, (x, y, visible) in zip(POSE, triplets, strict=True):
        if name in POINTS:
            assert (x * RGB[0], y * RGB[1], visible) == pytest.approx((*POINTS[name], 2), abs=0.01)
        else:
            assert (x, y, visible) == (0, 0, 0)

    boxes_only = tmp_path / "boxes"
    boxes_only.mkdir()
    for path in (folder / "labels" / "train").iterdir():
        if lines := [" ".join(line.split()[:5]) + "\n" for line in path.read_text().splitlines()]:
            (boxes_only / path.name).write_text("".join(lines))  # the photo with a person, a JPEG as globox wants
    read = AnnotationSet.from_yolo_v5(boxes_only, image_folder=folder / "images" / "train")
    boxes = [box.ltrb for annotation in read for box in annotation.boxes]
    assert boxes == [pytest.approx((250, 100.25, 350, 300.75), abs=0.01)]
