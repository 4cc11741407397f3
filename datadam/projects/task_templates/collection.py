"""Templates for collecting new data from workers: photos taken and sentences read aloud.

They fill the collection form (the media app's), whose project holds the prompts and one optional note."""

from datadam.projects.task_templates.base import TaskTemplate, Words, guideline

NOTE = ({"type": "text", "name": "note", "title": Words("메모", "Note"), "required": False},)

CONSENT = Words(
    "제가 올린 파일을 이 기관이 인공지능 학습 데이터로 쓰는 데 동의합니다. 동의는 언제든 철회할 수 있습니다.",
    "I agree that this organization may use the file I give as AI training data. I may withdraw at any time.",
)

TEMPLATES = (
    TaskTemplate(
        key="photo_collection",
        title=Words("사진 수집", "Photo collection"),
        summary=Words("작업자가 주제에 맞는 사진을 찍어 올립니다.", "Workers take and upload a photo for each prompt."),
        data_type="collect",
        collect_kind="image",
        controls=NOTE,
        guideline=guideline(
            "주제에 맞는 사진을 밝은 곳에서 찍으세요. 사람 얼굴과 차량 번호판은 나오지 않게 합니다.",
            "Take a well-lit photo of the prompt. Keep faces and number plates out of the picture.",
        ),
        rate_per_item=500,
        prompts=Words("횡단보도 표지판\n버스 정류장\n공원 벤치", "A crosswalk sign\nA bus stop\nA park bench"),
        consent=CONSENT,
    ),
    TaskTemplate(
        key="speech_collection",
        title=Words("음성 수집", "Speech collection"),
        summary=Words("작업자가 문장을 소리 내어 읽고 녹음합니다.", "Workers read each sentence aloud and record it."),
        data_type="collect",
        collect_kind="audio",
        controls=NOTE,
        guideline=guideline(
            "조용한 곳에서 문장을 또박또박 읽으세요. 틀리면 다시 녹음합니다.",
            "Read the sentence clearly in a quiet place; record again after a slip.",
        ),
        rate_per_item=300,
        prompts=Words(
            "오늘 날씨가 참 좋네요.\n다음 역은 시청입니다.", "What a lovely day it is.\nThe next stop is City Hall."
        ),
        consent=CONSENT,
    ),
)
