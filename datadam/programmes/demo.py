"""The programme demo: the demo organization's programme with an operator and this year's targets. Idempotent."""

from django.utils import timezone

from datadam.accounts import services as accounts
from datadam.accounts.models import User
from datadam.demo.loader import DEMO_PASSWORD, DemoCore
from datadam.programmes import services
from datadam.programmes.models import Programme, ProgrammeTarget

PROGRAMME = "2026 데이터댐 시범 사업"
OPERATOR = ("operator", "배운영")
DEMO_LOGINS = [(OPERATOR[0], DEMO_PASSWORD, "programme operator")]
TARGETS = {
    ProgrammeTarget.Metric.TRAINEES: 1000,
    ProgrammeTarget.Metric.COMPLETED: 700,
    ProgrammeTarget.Metric.QUALIFIED: 500,
    ProgrammeTarget.Metric.EMPLOYED: 100,
    ProgrammeTarget.Metric.ITEMS_ACCEPTED: 50_000,
    ProgrammeTarget.Metric.DATASETS: 3,
}


def demo_load_part(core: DemoCore) -> None:
    username, name = OPERATOR
    operator = User.objects.filter(username=username).first() or accounts.user_signup(
        username=username, password=DEMO_PASSWORD, display_name=name
    )
    programme = Programme.objects.filter(organizations=core.organization).first() or services.programme_create(
        name=PROGRAMME,
        description="시민이 데이터 라벨링을 배우고 일자리를 얻는 지역 인공지능 데이터 사업입니다.",
        organizations=[core.organization],
        operators=[operator],
    )
    programme.operators.add(operator)
    year = timezone.localdate().year
    for metric, target in TARGETS.items():
        if not programme.targets.filter(year=year, metric=metric).exists():
            services.target_set(actor=operator, programme_id=programme.id, year=year, metric=metric, target=target)
