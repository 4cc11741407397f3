"""Templates for audio: speech transcription and sound events."""

from datadam.projects.task_templates.base import TaskTemplate, Words, guideline, labels

TEMPLATES = (
    TaskTemplate(
        key="transcription",
        title=Words("음성 받아쓰기", "Speech transcription"),
        summary=Words("말하는 구간을 표시하고 들리는 대로 적습니다.", "Mark the speech and type what is said."),
        data_type="audio",
        controls=(
            {
                "type": "segments",
                "name": "transcript",
                "title": Words("받아쓰기", "Transcript"),
                "transcript": True,
                "transcript_required": True,
                "labels": labels(("speech", "말", "Speech")),
            },
        ),
        guideline=guideline(
            "말하는 구간마다 들리는 대로 받아쓰세요. 숫자는 한글로 적습니다.",
            "Type exactly what is said in each stretch of speech; write numbers as words.",
        ),
        rate_per_item=600,
    ),
    TaskTemplate(
        key="audio_events",
        title=Words("소리 이벤트", "Audio events"),
        summary=Words("들리는 소리의 구간과 종류를 표시합니다.", "Mark when each sound happens and what it is."),
        data_type="audio",
        controls=(
            {
                "type": "segments",
                "name": "events",
                "title": Words("소리", "Sounds"),
                "labels": labels(
                    ("speech", "말소리", "Speech"),
                    ("music", "음악", "Music"),
                    ("siren", "사이렌", "Siren"),
                    ("noise", "소음", "Noise"),
                ),
            },
        ),
        guideline=guideline(
            "소리가 나는 구간을 끌어서 표시하고 종류를 고르세요.", "Drag over each sound and pick its kind."
        ),
        rate_per_item=300,
    ),
)
