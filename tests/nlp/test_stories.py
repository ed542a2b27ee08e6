from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nlp.stories import StoryItem, group_stories

DAY = datetime(2026, 11, 20, 8, tzinfo=UTC)


def item(
    i: int, days: int, terms: set[str], topics: set[str] | None = None, dup_of: int | None = None
) -> StoryItem:
    return StoryItem(
        id=i,
        outlet="a",
        published=DAY + timedelta(days=days),
        topics=frozenset(topics or {"moi_truong"}),
        terms=frozenset(terms),
        places=frozenset(),
        dup_of=dup_of,
    )


FACTORY = {"nhà máy", "suối pác cáp", "tân văn", "xả thải"}


def test_similar_articles_over_days_form_one_story() -> None:
    items = [item(1, 0, FACTORY), item(2, 1, FACTORY | {"lấy mẫu"}), item(3, 2, FACTORY | {"xử phạt"})]
    assert group_stories(items, window=timedelta(days=3), threshold=0.3) == [[1, 2, 3]]


def test_articles_outside_the_window_stay_apart() -> None:
    items = [item(1, 0, FACTORY), item(2, 5, FACTORY)]
    assert group_stories(items, window=timedelta(days=3), threshold=0.3) == [[1], [2]]


def test_different_topics_stay_apart() -> None:
    items = [item(1, 0, FACTORY), item(2, 1, FACTORY, topics={"giao_thong"})]
    assert group_stories(items, window=timedelta(days=3), threshold=0.3) == [[1], [2]]


def test_unrelated_events_of_one_topic_stay_apart() -> None:
    items = [
        item(1, 0, FACTORY),
        item(2, 1, {"bãi rác", "đồng đăng", "mùi hôi"}),
        item(3, 1, {"khói bụi", "lò gạch"}),
    ]
    assert group_stories(items, window=timedelta(days=3), threshold=0.3) == [[1], [2], [3]]


def test_near_copy_joins_its_original() -> None:
    items = [item(1, 0, FACTORY), item(2, 1, {"khác"}, dup_of=1)]
    assert group_stories(items, window=timedelta(days=3), threshold=0.3) == [[1, 2]]


def test_a_shared_province_name_does_not_make_a_story() -> None:
    a = item(1, 0, {"hà nội", "giá xăng"})
    b = item(2, 1, {"hà nội", "học phí"})
    a, b = (StoryItem(**{**x.__dict__, "places": frozenset({"Hà Nội"})}) for x in (a, b))
    assert group_stories([a, b], window=timedelta(days=3), threshold=0.25) == [[1], [2]]


def test_a_shared_person_brings_two_reports_together() -> None:
    names = frozenset({"lương văn hùng"})
    a = StoryItem(**{**item(1, 0, {"xả thải", "suối"}).__dict__, "names": names})
    b = StoryItem(**{**item(2, 1, {"xả thải", "kết luận", "thanh tra", "xử phạt"}).__dict__, "names": names})
    alone = [item(1, 0, {"xả thải", "suối"}), item(2, 1, set(b.terms))]
    assert group_stories(alone, window=timedelta(days=3), threshold=0.25) == [[1], [2]]
    assert group_stories([a, b], window=timedelta(days=3), threshold=0.25) == [[1, 2]]
