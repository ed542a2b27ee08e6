from __future__ import annotations

from nlp.dedup import NearDuplicateIndex, content_hash, fingerprint, from_bytes, minhash, signature_bytes

BASE = (
    "Chiều 18/11, đoàn kiểm tra liên ngành đã lấy mẫu nước tại suối Pác Cáp. "
    "Kết quả cho thấy nhiều chỉ tiêu vượt quy chuẩn cho phép. "
    "Người dân xã Tân Văn cho biết mùi hôi kéo dài suốt hai tuần qua khiến sinh hoạt bị ảnh hưởng. "
    "Cơ quan chức năng yêu cầu cơ sở tạm dừng xả thải và khắc phục hệ thống xử lý. "
    "Ủy ban nhân dân xã sẽ tiếp tục giám sát và công khai kết quả quan trắc cho người dân được biết."
)
OTHER = (
    "Sáng 18/11, giải bóng đá thiếu niên tỉnh khai mạc tại sân vận động trung tâm với 16 đội tham dự. "
    "Các trận đấu diễn ra sôi nổi, thu hút đông đảo khán giả đến cổ vũ."
)


def test_content_hash_ignores_case_spacing_and_punctuation() -> None:
    assert content_hash(BASE) == content_hash("  " + BASE.upper().replace(".", " ;"))


def test_content_hash_differs_for_different_text() -> None:
    assert content_hash(BASE) != content_hash(OTHER)


def test_signature_roundtrip() -> None:
    m = minhash(BASE)
    assert from_bytes(signature_bytes(m)).jaccard(m) == 1.0


def test_reordered_copy_with_credit_line_is_a_near_duplicate() -> None:
    sentences = BASE.split(". ")
    copy = ". ".join([sentences[1], sentences[0], *sentences[2:]]) + " Theo Báo Xứ Lạng."
    index = NearDuplicateIndex()
    index.add(1, minhash(BASE))
    index.add(2, minhash(OTHER))
    assert index.first_match(minhash(copy)) == 1


def test_unrelated_article_is_not_a_near_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add(1, minhash(BASE))
    assert index.first_match(minhash(OTHER)) is None


def test_fingerprint_is_the_hash_and_the_signature() -> None:
    digest, signature = fingerprint(BASE)
    assert digest == content_hash(BASE) and from_bytes(signature).jaccard(minhash(BASE)) == 1.0


def test_old_style_tone_marks_give_the_same_hash() -> None:
    assert content_hash("Hòa bình, khỏe mạnh, thủy lợi") == content_hash("Hoà bình, khoẻ mạnh, thuỷ lợi")
