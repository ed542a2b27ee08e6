"""The demo's week of grassroots reports, written for the bundled sample site (fictional, like it).

Four reports from xã Cai Kinh agree with the press story of the week (the Bản Chắt stream polluted by
the starch factory); three from xã Chi Lăng and xã Hữu Lũng are on land certificates after the 2025
merger of communes, which the sample press does not carry; two more are ordinary. Tokens are fixed, so a
second `duluan demo` stores nothing twice.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from config import AppConfig
from pipeline.annotate.grassroots import Fields, intake, validate

# (days before the demo day, unit, topic or None, spread, mood, where heard, link, text, collaborator)
REPORTS: tuple[tuple[Any, ...], ...] = (
    (
        2,
        "xã Cai Kinh",
        None,
        "nhieu_nguoi",
        "buc_xuc",
        "khu_dan_cu",
        None,
        "Bà con thôn Bản Chắt phản ánh nước suối đục, bốc mùi hôi mấy hôm nay, không dám cho trâu bò "
        "uống; nhiều hộ nghi do nước thải của nhà máy tinh bột gây ô nhiễm môi trường.",
        "CTV thôn Bản Chắt",
    ),
    (
        1,
        "xã Cai Kinh",
        "moi_truong",
        "nhieu_nguoi",
        "ban_khoan",
        "cho",
        None,
        "Ở chợ Cai Kinh nhiều người bàn tán về cá chết trên suối Bản Chắt, lo nước giếng của các nhà gần "
        "suối cũng bị ô nhiễm, mong có đoàn về lấy mẫu kiểm tra.",
        "CTV chợ Cai Kinh",
    ),
    (
        0,
        "xã Cai Kinh",
        "moi_truong",
        "nhieu_nguoi",
        "dong_tinh",
        "hoi_nghi",
        None,
        "Tại buổi họp thôn, người dân đồng tình với việc tỉnh xử phạt, đình chỉ nhà máy tinh bột Hưng Phát; "
        "đề nghị công khai kết quả quan trắc nước suối hằng tuần.",
        "CTV thôn Bản Chắt",
    ),
    (
        0,
        "xã Cai Kinh",
        "moi_truong",
        "lan_rong",
        "buc_xuc",
        "mang_xa_hoi",
        "https://example.org/nhom-cai-kinh/bai-viet/1",
        "Trên nhóm mạng xã hội của xã, nhiều bài chia sẻ đòi nhà máy bồi thường cho các hộ nuôi cá bị "
        "thiệt hại do suối Bản Chắt ô nhiễm.",
        "CTV Đoàn Thanh niên xã",
    ),
    (
        1,
        "xã Chi Lăng",
        "dat_dai",
        "nhieu_nguoi",
        "ban_khoan",
        "khu_dan_cu",
        None,
        "Nhiều hộ băn khoăn vì hồ sơ cấp giấy chứng nhận quyền sử dụng đất nộp từ trước khi sáp nhập xã "
        "đến nay chưa có kết quả, không rõ hỏi ở đâu.",
        "CTV Hội Nông dân xã",
    ),
    (
        0,
        "xã Chi Lăng",
        "dat_dai",
        "lan_rong",
        "buc_xuc",
        "co_quan",
        None,
        "Người dân đến bộ phận một cửa của xã hỏi về sổ đỏ, bức xúc vì phải đi lại nhiều lần; cán bộ địa "
        "chính mới chưa nắm được hồ sơ cũ.",
        "CTV Hội Nông dân xã",
    ),
    (
        0,
        "xã Hữu Lũng",
        "dat_dai",
        "nhieu_nguoi",
        "buc_xuc",
        "cho",
        None,
        "Ở chợ nhiều người phàn nàn việc đăng ký biến động đất đai sau sáp nhập bị chậm, có hộ lỡ hẹn vay "
        "vốn ngân hàng vì chưa có giấy tờ đất.",
        "CTV Hội Phụ nữ xã",
    ),
    (
        5,
        "phường Kỳ Lừa",
        "gia_ca_thi_truong",
        "ca_biet",
        "dong_tinh",
        "cho",
        None,
        "Tiểu thương chợ Kỳ Lừa đồng tình với mô hình thanh toán không dùng tiền mặt, đề nghị hướng dẫn "
        "thêm cho người cao tuổi.",
        "CTV phường Kỳ Lừa",
    ),
    (
        4,
        "xã Đồng Đăng",
        "cua_khau_thuong_mai",
        "ca_biet",
        "ban_khoan",
        "cho",
        None,
        "Một số lái xe lo ngại xe chở nông sản phải xếp hàng dài chờ thông quan, hàng dễ hư hỏng.",
        "CTV xã Đồng Đăng",
    ),
)


def seed_demo_reports(app: AppConfig, day: date) -> dict[str, int]:
    """Store the demo's reports for the week ending `day` (once); returns what was stored."""
    reports = []
    for n, (back, unit, topic, spread, mood, heard, link, text, who) in enumerate(REPORTS, 1):
        report, problems = validate(
            app,
            Fields(
                text=text,
                unit=unit,
                spread=spread,
                mood=mood,
                heard_at=heard,
                heard_on=day - timedelta(days=back),
                topic=topic,
                link=link,
            ),
            token=f"demo:{n:03d}",
            channel="import",
            reporter_name=who,
            today=day,
        )
        assert report is not None, problems  # our own data
        reports.append(report)
    stored = intake(app, reports)
    return {"reports": len(reports), "stored": sum(s.created for s in stored)}
