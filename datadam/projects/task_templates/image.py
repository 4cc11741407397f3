"""Templates for images: boxes, polygons and keypoints."""

from datadam.projects.task_templates.base import TaskTemplate, Words, guideline, labels

TEMPLATES = (
    TaskTemplate(
        key="boxes",
        title=Words("물체 상자", "Object boxes"),
        summary=Words("사진 속 물체를 상자로 둘러쌉니다.", "Draw a box around each object in a photo."),
        data_type="image",
        controls=(
            {
                "type": "boxes",
                "name": "objects",
                "title": Words("물체", "Objects"),
                "labels": labels(("person", "사람", "Person"), ("car", "자동차", "Car"), ("sign", "표지판", "Sign")),
            },
        ),
        guideline=guideline(
            "보이는 물체마다 빈틈없이 꼭 맞는 상자를 그리세요.", "Draw a tight box around every visible object."
        ),
        rate_per_item=200,
    ),
    TaskTemplate(
        key="polygons",
        title=Words("영역 다각형", "Polygons"),
        summary=Words("물체의 윤곽을 다각형으로 따라 그립니다.", "Trace the outline of each object."),
        data_type="image",
        controls=(
            {
                "type": "polygons",
                "name": "regions",
                "title": Words("영역", "Regions"),
                "labels": labels(("road", "도로", "Road"), ("building", "건물", "Building"), ("tree", "나무", "Tree")),
            },
        ),
        guideline=guideline(
            "물체의 윤곽을 따라 점을 찍어 다각형을 만드세요.", "Click along the outline to close a polygon."
        ),
        rate_per_item=400,
    ),
    TaskTemplate(
        key="keypoints",
        title=Words("키포인트", "Keypoints"),
        summary=Words("몸의 관절 같은 점을 찍습니다.", "Place points such as a body's joints."),
        data_type="image",
        controls=(
            {
                "type": "keypoints",
                "name": "points",
                "title": Words("키포인트", "Keypoints"),
                "labels": labels(
                    ("head", "머리", "Head"),
                    ("left_hand", "왼손", "Left hand"),
                    ("right_hand", "오른손", "Right hand"),
                    ("left_foot", "왼발", "Left foot"),
                    ("right_foot", "오른발", "Right foot"),
                ),
            },
        ),
        guideline=guideline("보이는 부위마다 점을 하나씩 찍으세요.", "Place one point on each visible part."),
        rate_per_item=300,
    ),
)
