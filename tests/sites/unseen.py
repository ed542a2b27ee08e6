"""Small article pages of an outlet nobody here has seen ("Báo Thử", written for the tests): the frame
around a body, five paragraphs of text, reader comments, and the generic extraction of a page."""

from __future__ import annotations

from crawlers.extract import Extracted, extract

URL = "https://bao-thu.vn/xa-hoi/nguoi-dan-kien-nghi-ve-nuoc-sach.html"
P = [
    "Sáng 2/12, hàng trăm hộ dân ở xã Quảng Nham phản ánh nước giếng khoan nhiễm phèn, không dùng được.",
    "Chính quyền xã cho biết đã báo cáo huyện, đề nghị đầu tư tuyến ống dẫn nước sạch về các thôn.",
    "Trong lúc chờ dự án, xã bố trí xe chở nước miễn phí hai ngày một lần cho các hộ khó khăn nhất.",
    "Người dân mong tuyến ống sớm được xây dựng trước mùa khô, khi nhiều giếng cạn hẳn và nước càng đục.",
    "Lãnh đạo huyện hứa sẽ làm việc với sở ngành để bố trí vốn ngay trong kế hoạch đầu tư công năm tới.",
]
COMMENTS = [
    f"Bạn đọc {i}: Tôi thấy chuyện này kéo dài quá lâu rồi, năm nào cũng hứa mà chưa thấy làm gì cụ thể cả, "
    "mong các cấp quan tâm hơn đến đời sống của bà con vùng sâu vùng xa chúng tôi."
    for i in range(1, 9)
]


def page(body: str, head: str = "", url: str = URL) -> str:
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">{head}</head><body>'
        '<header><a href="/" class="logo">Báo Thử</a><nav><a href="/xa-hoi">Xã hội</a>'
        '<a href="/kinh-te">Kinh tế</a></nav></header>'
        f"{body}<footer>Báo Thử — Giấy phép số 01/GP, địa chỉ 1 đường Thử, điện thoại 0123 456 789</footer>"
        "</body></html>"
    )


def run(html: str, url: str = URL) -> Extracted:
    found = extract(html, url)
    assert found is not None
    return found


def article(date_block: str, *, before: str = "") -> str:
    """A headline, `date_block`, an image under a dated upload path, then the five paragraphs."""
    return (
        f"{before}<article><h1>Nước giếng nhiễm phèn</h1>{date_block}"
        f"<img src='/uploads/2019/05/03/anh.jpg'>{''.join(f'<p>{p}</p>' for p in P)}</article>"
    )
