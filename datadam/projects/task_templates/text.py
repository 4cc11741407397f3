"""Templates for text: sentiment, topic classification, named entities, relations between entities."""

from datadam.projects.task_templates.base import TaskTemplate, Words, guideline, labels

ENTITY_LABELS = labels(
    ("PS", "사람", "Person"),
    ("LC", "장소", "Location"),
    ("OG", "기관", "Organization"),
    ("DT", "날짜", "Date"),
)

TEMPLATES = (
    TaskTemplate(
        key="sentiment",
        title=Words("감성 분류", "Sentiment"),
        summary=Words("문장이 긍정인지 부정인지 고릅니다.", "Pick whether a text is positive, negative or neutral."),
        data_type="text",
        controls=(
            {
                "type": "choices",
                "name": "sentiment",
                "title": Words("감성", "Sentiment"),
                "labels": labels(
                    ("positive", "긍정", "Positive"), ("neutral", "중립", "Neutral"), ("negative", "부정", "Negative")
                ),
            },
        ),
        guideline=guideline(
            "글쓴이가 대상에 대해 느끼는 감정을 하나 고르세요.", "Pick the feeling the writer shows toward the subject."
        ),
        rate_per_item=40,
    ),
    TaskTemplate(
        key="topic",
        title=Words("주제 분류", "Topic classification"),
        summary=Words("글의 주제를 하나 이상 고릅니다.", "Pick one or more topics of a text."),
        data_type="text",
        controls=(
            {
                "type": "choices",
                "name": "topic",
                "title": Words("주제", "Topic"),
                "multiple": True,
                "labels": labels(
                    ("politics", "정치", "Politics"),
                    ("economy", "경제", "Economy"),
                    ("society", "사회", "Society"),
                    ("culture", "문화", "Culture"),
                    ("science", "과학", "Science"),
                    ("sports", "스포츠", "Sports"),
                ),
            },
        ),
        guideline=guideline("글이 다루는 주제를 모두 고르세요.", "Pick every topic the text is about."),
        rate_per_item=50,
    ),
    TaskTemplate(
        key="ner",
        title=Words("개체명 인식", "Named entities"),
        summary=Words("문장 속 사람, 장소, 기관, 날짜를 표시합니다.", "Mark people, places, organizations and dates."),
        data_type="text",
        controls=(
            {"type": "spans", "name": "entities", "title": Words("개체명", "Entities"), "labels": ENTITY_LABELS},
        ),
        guideline=guideline(
            "개체명에 해당하는 단어를 골라 종류를 표시하세요. 조사는 빼고 표시합니다.",
            "Select each name and mark its kind. Leave particles out of the span.",
        ),
        rate_per_item=150,
    ),
    TaskTemplate(
        key="relations",
        title=Words("관계 추출", "Relations"),
        summary=Words("개체명을 표시하고 둘 사이의 관계를 잇습니다.", "Mark entities and link the ones that relate."),
        data_type="text",
        controls=(
            {
                "type": "spans",
                "name": "entities",
                "title": Words("개체명", "Entities"),
                "labels": ENTITY_LABELS,
                "required": False,
            },
            {
                "type": "relations",
                "name": "relations",
                "title": Words("관계", "Relations"),
                "spans": "entities",
                "required": False,
                "labels": labels(
                    ("founded", "설립", "Founded"),
                    ("works_for", "소속", "Works for"),
                    ("located_in", "위치", "Located in"),
                ),
            },
        ),
        guideline=guideline(
            "먼저 개체명을 표시하고, 관계가 있는 두 개체명을 화살표로 이으세요.",
            "Mark the entities first, then link two entities that relate, from subject to object.",
        ),
        rate_per_item=250,
    ),
)
