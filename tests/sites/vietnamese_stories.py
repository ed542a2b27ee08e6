"""Stories of the written Vietnamese-outlet pages (`tests/sites/vietnamese_outlets*.py`).
Every story, name, figure and line of text here is invented for the tests."""

from __future__ import annotations

from tests.sites.vietnamese_markup import Story

WATER = Story(
    title="Hàng nghìn hộ dân Hà Đông mất nước sạch giữa mùa nắng nóng",
    sapo=(
        "Sự cố vỡ đường ống truyền dẫn khiến hơn 6.000 hộ dân ở các phường phía tây quận Hà Đông mất nước"
        " sinh hoạt ba ngày liền, nhiều gia đình phải mua nước bình để nấu ăn."
    ),
    paras=(
        "Từ tối 12/9, vòi nước tại nhiều khu tập thể ở phường Yên Nghĩa và Đồng Mai chỉ chảy nhỏ giọt rồi"
        " mất hẳn, đúng vào lúc nhiệt độ ngoài trời lên tới 37 độ C.",
        "Bà Phạm Thị Hằng, tổ dân phố số 5, kể cả nhà phải xách xô sang nhà người quen ở phường bên cạnh"
        " xin nước, quần áo bẩn để dồn vì không có nước giặt.",
        "Nhiều cửa hàng bán nước đóng bình trong khu vực cháy hàng từ sáng sớm, một số nơi tăng giá thêm"
        " năm đến mười nghìn đồng mỗi bình khiến người dân bức xúc.",
        "Đại diện công ty cấp nước cho biết một đoạn ống gang đường kính 600 mm bị vỡ do thi công hạ tầng"
        " của một dự án gần đó, nước tràn ngập cả đoạn đường dài hơn 100 mét.",
        "Công ty đã huy động ba mũi thi công làm việc xuyên đêm, đồng thời điều mười xe bồn chở nước sạch"
        " miễn phí đến các điểm tập trung đông dân cư để người dân lấy dùng.",
        "“Chúng tôi xin lỗi khách hàng vì sự bất tiện, dự kiến việc cấp nước sẽ trở lại bình thường trong"
        " ngày 15/9”, vị đại diện nói.",
        "Ủy ban nhân dân quận đã yêu cầu chủ đầu tư dự án phối hợp khắc phục, làm rõ trách nhiệm bồi"
        " thường và có phương án bảo vệ đường ống trong suốt thời gian thi công còn lại.",
        "Theo người dân, đây là lần thứ ba trong năm khu vực bị mất nước kéo dài, họ mong thành phố sớm"
        " có mạng lưới cấp nước dự phòng để không rơi vào cảnh khốn khổ mỗi khi có sự cố.",
    ),
    caption="Người dân phường Yên Nghĩa xếp hàng lấy nước từ xe bồn, sáng 13/9. Ảnh: Ngọc Lan",
    author="Ngọc Lan",
)

EXPRESSWAY = Story(
    title="Dân vùng dự án cao tốc kiến nghị về giá đền bù đất nông nghiệp",
    sapo=(
        "Hàng chục hộ dân ở huyện Lạng Giang chưa đồng ý bàn giao mặt bằng cho dự án đường cao tốc vì cho"
        " rằng giá bồi thường đất nông nghiệp thấp hơn nhiều so với giá chuyển nhượng thực tế."
    ),
    paras=(
        "Sáng 14/9, tại buổi đối thoại do huyện tổ chức ở nhà văn hoá xã Tân Dĩnh, nhiều người dân mang"
        " theo giấy tờ đất và bảng tính giá để trình bày ý kiến với đoàn công tác.",
        "Ông Ngô Văn Thịnh, thôn Đồng Lạc, cho biết gia đình có hơn 2.000 mét vuông đất trồng lúa nằm trong"
        " chỉ giới, mức bồi thường được thông báo chưa bằng một nửa giá mua bán trong vùng.",
        "“Chúng tôi ủng hộ dự án, nhưng với số tiền này thì không thể mua lại đất để sản xuất, con cháu"
        " sau này biết lấy gì mà sống”, ông Thịnh nói.",
        "Một số hộ khác phản ánh việc đo đạc, kiểm đếm cây cối hoa màu còn sai sót, có thửa đất bị ghi"
        " thiếu diện tích so với sổ đỏ, có hộ chưa được thông báo lịch chi trả.",
        "Phó chủ tịch huyện Trần Quốc Hưng tiếp thu các ý kiến, khẳng định giá bồi thường được áp dụng"
        " theo bảng giá đất của tỉnh và hệ số điều chỉnh đã được thẩm định.",
        "Huyện giao phòng tài nguyên và môi trường phối hợp với đơn vị tư vấn kiểm tra lại từng trường hợp"
        " có ý kiến về diện tích, hoàn thành trước ngày 30/9 và công khai kết quả tại thôn.",
        "Với những hộ bị thu hồi phần lớn đất sản xuất, huyện sẽ xem xét hỗ trợ chuyển đổi nghề, đào tạo"
        " việc làm và ưu tiên giao đất tái định cư gần nơi ở cũ.",
        "Dự án đường cao tốc qua địa bàn huyện dài khoảng 18 km, đến nay mới bàn giao được khoảng 70% mặt"
        " bằng, chậm so với tiến độ tỉnh yêu cầu hơn một tháng.",
    ),
    caption="Người dân xã Tân Dĩnh phát biểu tại buổi đối thoại, sáng 14/9. Ảnh: Quốc Toàn",
    author="Quốc Toàn",
)

GAMBLING = Story(
    title="Triệt phá đường dây đánh bạc qua mạng giao dịch hơn 500 tỷ đồng",
    sapo=(
        "Công an tỉnh vừa triệt phá một đường dây tổ chức đánh bạc qua mạng xuyên quốc gia, bắt giữ 15"
        " đối tượng, thu giữ nhiều máy tính, điện thoại và tài khoản ngân hàng liên quan."
    ),
    paras=(
        "Theo cơ quan điều tra, từ đầu năm 2021, nhóm đối tượng do Lê Văn Phát cầm đầu đã thuê một căn biệt"
        " thự ở ngoại thành làm nơi vận hành trang web cá độ bóng đá và đánh bạc trực tuyến.",
        "Nhóm này chia thành nhiều bộ phận như kỹ thuật, chăm sóc khách hàng, kế toán và quảng cáo, mỗi"
        " người được trả lương hàng tháng từ 15 đến 30 triệu đồng cùng tiền thưởng theo doanh số.",
        "Để lôi kéo người chơi, các đối tượng lập hàng trăm tài khoản mạng xã hội, đăng quảng cáo khuyến"
        " mãi nạp tiền, hứa hẹn trả thưởng nhanh và bảo mật thông tin tuyệt đối.",
        "Qua thời gian theo dõi, lực lượng chức năng xác định tổng số tiền giao dịch qua hệ thống tài khoản"
        " của đường dây lên tới hơn 500 tỷ đồng, với hàng nghìn người chơi ở nhiều tỉnh thành.",
        "Rạng sáng 8/9, các trinh sát đồng loạt kiểm tra ba địa điểm, bắt quả tang nhiều đối tượng đang"
        " quản trị hệ thống, thu giữ 40 máy tính, 60 điện thoại và nhiều giấy tờ liên quan.",
        "Cơ quan cảnh sát điều tra đã khởi tố vụ án, khởi tố bị can đối với 15 đối tượng về các tội tổ chức"
        " đánh bạc và đánh bạc, đồng thời phong toả nhiều tài khoản để phục vụ điều tra.",
        "Công an tỉnh khuyến cáo người dân không tham gia các trang web cá độ, đánh bạc trực tuyến, bởi"
        " ngoài việc vi phạm pháp luật, người chơi còn dễ bị chiếm đoạt tiền nạp vào tài khoản.",
    ),
    caption="Tang vật thu giữ tại nơi các đối tượng vận hành trang web đánh bạc. Ảnh: Hải Đăng",
    author="Hải Đăng",
)

BORDER = Story(
    title="Hàng trăm xe chở nông sản ùn ứ ở cửa khẩu Tân Thanh",
    sapo=(
        "Do phía bạn tăng cường kiểm soát, thời gian thông quan kéo dài, hơn 400 xe chở thanh long, mít,"
        " dưa hấu đang nằm chờ xuất khẩu tại các bãi ở khu vực cửa khẩu Tân Thanh."
    ),
    paras=(
        "Chiều 9/9, dọc tuyến đường dẫn vào cửa khẩu, những chiếc xe container nối đuôi nhau dài hàng cây"
        " số, nhiều tài xế căng bạt nằm võng ngay bên cạnh xe để chờ đến lượt.",
        "Anh Vũ Đình Khải, tài xế chở thanh long từ Bình Thuận ra, cho biết xe của anh đã nằm chờ năm ngày,"
        " một phần hàng bắt đầu chín nẫu, chủ hàng có nguy cơ lỗ hàng trăm triệu đồng.",
        "Theo ban quản lý khu kinh tế cửa khẩu, mỗi ngày chỉ có khoảng 80 đến 100 xe được thông quan, trong"
        " khi lượng xe từ các tỉnh phía Nam đổ về vẫn tiếp tục tăng.",
        "Tỉnh đã mở thêm bãi đỗ tạm, bố trí lực lượng phân luồng và đề nghị các doanh nghiệp, chủ hàng"
        " theo dõi sát thông tin trước khi đưa xe lên biên giới.",
        "Ngành công thương khuyến cáo các địa phương trồng trái cây điều tiết lượng hàng, chuyển bớt sang"
        " tiêu thụ nội địa và chế biến sâu thay vì dồn lên cửa khẩu trong cùng một thời điểm.",
        "Đại diện hiệp hội trái cây cho rằng về lâu dài, doanh nghiệp cần đáp ứng đầy đủ yêu cầu về truy xuất"
        " nguồn gốc, mã số vùng trồng để chuyển sang xuất khẩu chính ngạch ổn định.",
        "Lãnh đạo tỉnh cho biết đang làm việc với chính quyền địa phương phía bên kia biên giới, đề nghị"
        " kéo dài thời gian làm việc và tăng số làn kiểm hoá để giải phóng hàng nhanh hơn.",
    ),
    caption="Xe chở nông sản xếp hàng dài trên đường vào cửa khẩu Tân Thanh. Ảnh: Hồng Nhung",
    author="Hồng Nhung",
)

COURT = Story(
    title="Nguyên giám đốc ban quản lý dự án lĩnh 9 năm tù vì tham ô",
    sapo=(
        "Lợi dụng chức vụ, nguyên giám đốc ban quản lý dự án huyện cùng kế toán lập hồ sơ khống, rút hơn"
        " 7 tỷ đồng tiền ngân sách chi cho các công trình giao thông nông thôn."
    ),
    paras=(
        "Ngày 9/9, Toà án nhân dân tỉnh mở phiên toà sơ thẩm xét xử bị cáo Đinh Công Lực, nguyên giám đốc"
        " ban quản lý dự án đầu tư xây dựng huyện, cùng hai đồng phạm về tội tham ô tài sản.",
        "Theo cáo trạng, trong giai đoạn 2017 đến 2019, Lực đã chỉ đạo kế toán Nguyễn Thị Thoa lập chứng"
        " từ thanh toán khống khối lượng cho bốn công trình đường giao thông liên thôn.",
        "Số tiền rút ra được các bị cáo chia nhau tiêu xài cá nhân, một phần được dùng để mua đất đứng tên"
        " người thân, gây thiệt hại cho ngân sách nhà nước hơn 7 tỷ đồng.",
        "Tại phiên toà, bị cáo Lực thừa nhận hành vi, cho rằng do thiếu hiểu biết pháp luật và bị áp lực"
        " giải ngân nên đã làm sai, mong hội đồng xét xử xem xét giảm nhẹ hình phạt.",
        "Gia đình các bị cáo đã nộp khắc phục được khoảng một nửa số tiền thiệt hại, đây là tình tiết"
        " giảm nhẹ được hội đồng xét xử ghi nhận khi lượng hình.",
        "Sau hai ngày xét xử, toà tuyên phạt Đinh Công Lực 9 năm tù, Nguyễn Thị Thoa 6 năm tù, bị cáo còn"
        " lại 3 năm tù nhưng cho hưởng án treo; các bị cáo phải liên đới bồi thường số tiền còn lại.",
        "Hội đồng xét xử cũng kiến nghị cơ quan chức năng xem xét trách nhiệm của các cá nhân có liên quan"
        " trong việc nghiệm thu, thanh toán các công trình trên.",
    ),
    caption="Các bị cáo tại phiên toà sơ thẩm. Ảnh: Thanh Bình",
    author="Thanh Bình",
)


ROAD = Story(
    title="Quốc lộ 47 qua Thanh Hoá sạt lở, hàng trăm hộ dân bị cô lập",
    sapo=(
        "Mưa lớn kéo dài ba ngày khiến nhiều đoạn quốc lộ 47 qua huyện Thường Xuân sạt lở, đất đá vùi lấp"
        " mặt đường, hơn 300 hộ dân ở hai xã vùng cao bị chia cắt."
    ),
    paras=(
        "Chiều 9/9, lực lượng chức năng huyện Thường Xuân vẫn đang dùng máy xúc dọn hàng nghìn mét khối đất"
        " đá tràn xuống mặt đường tại ba điểm sạt lở lớn nhất trên tuyến.",
        "Theo ông Lê Đình Khoa, phó chủ tịch huyện, điểm sạt nặng nhất dài gần 50 mét, taluy dương đổ ập"
        " xuống trong đêm, may mắn không có phương tiện nào đi qua lúc đó.",
        "Hơn 300 hộ dân ở xã Bát Mọt và Yên Nhân không thể ra trung tâm huyện, nhiều học sinh phải nghỉ học,"
        " hàng hoá thiết yếu bắt đầu khan hiếm ở các cửa hàng tạp hoá.",
        "Huyện đã huy động dân quân, bộ đội biên phòng dùng thuyền máy chở lương thực, nước uống và thuốc"
        " men vào các thôn bị cô lập, ưu tiên người già, trẻ nhỏ và phụ nữ mang thai.",
        "Sở Giao thông vận tải tỉnh cho biết sẽ cắm biển cảnh báo, bố trí người trực gác hai đầu điểm sạt"
        " và phấn đấu thông xe tạm trong vòng ba ngày nếu trời ngừng mưa.",
        "Đài khí tượng thuỷ văn tỉnh dự báo mưa to còn kéo dài đến cuối tuần, nguy cơ sạt lở đất và lũ quét"
        " ở các huyện miền núi phía tây ở mức cao, người dân cần chủ động di dời khỏi vùng nguy hiểm.",
    ),
    caption="Máy xúc dọn đất đá tại điểm sạt lở trên quốc lộ 47, chiều 9/9. Ảnh: Lê Hoàng",
    author="Lê Hoàng",
)

RICE = Story(
    title="Giá lúa tăng mạnh, nông dân Đồng Tháp lãi gần 20 triệu đồng mỗi héc-ta",
    sapo=(
        "Lúa thu hoạch vụ hè thu được thương lái thu mua tại ruộng với giá cao nhất ba năm qua, nhiều hộ"
        " nông dân ở Đồng Tháp có lãi lớn dù chi phí phân bón tăng."
    ),
    paras=(
        "Những ngày này, trên các cánh đồng ở huyện Tháp Mười, máy gặt đập liên hợp hoạt động liên tục từ"
        " sáng sớm đến tối muộn, thương lái chờ sẵn ở bờ ruộng để cân lúa.",
        "Ông Nguyễn Văn Tâm, nông dân xã Mỹ An, cho biết gia đình ông thu hoạch bốn héc-ta, năng suất đạt"
        " hơn bảy tấn mỗi héc-ta, bán ngay tại ruộng với giá 6.800 đồng mỗi ký.",
        "Trừ các khoản chi phí giống, phân bón, thuốc bảo vệ thực vật và thuê máy gặt, mỗi héc-ta gia đình"
        " ông còn lãi gần 20 triệu đồng, cao hơn hẳn so với vụ trước.",
        "Doanh nghiệp xuất khẩu tăng thu mua",
        "Theo Sở Nông nghiệp và Phát triển nông thôn tỉnh, nhu cầu gạo của các thị trường châu Á và châu"
        " Phi tăng mạnh từ đầu quý ba, các doanh nghiệp đẩy mạnh thu mua để kịp giao hàng.",
        "Giám đốc một công ty lương thực ở thành phố Cao Lãnh cho biết đơn hàng tháng này tăng gần một"
        " phần ba, công ty phải ký hợp đồng bao tiêu với các hợp tác xã để giữ nguồn hàng ổn định.",
        "Ngành nông nghiệp khuyến cáo nông dân không ồ ạt mở rộng diện tích, tuân thủ lịch thời vụ và liên"
        " kết với doanh nghiệp để tránh cảnh được mùa mất giá như những năm trước.",
    ),
    caption="Nông dân huyện Tháp Mười thu hoạch lúa hè thu. Ảnh: Thanh Tùng",
    author="Thanh Tùng",
)

FEVER = Story(
    title="Số ca sốt xuất huyết ở Khánh Hoà tăng gấp ba, bệnh viện kê thêm giường",
    sapo=(
        "Từ đầu năm đến nay, Khánh Hoà ghi nhận hơn 4.000 ca sốt xuất huyết, gấp ba lần cùng kỳ năm trước;"
        " nhiều bệnh viện phải kê thêm giường, bệnh nhân nằm ghép."
    ),
    paras=(
        "Tại khoa Truyền nhiễm Bệnh viện Đa khoa tỉnh, hành lang kín giường bệnh, nhiều người nhà phải trải"
        " chiếu nằm dưới sàn để chăm sóc người thân đang truyền dịch.",
        "Bác sĩ Trần Thị Mai, trưởng khoa, cho biết mỗi ngày khoa tiếp nhận từ 40 đến 50 ca mới, phần lớn"
        " là học sinh và người trẻ trong độ tuổi lao động.",
        "“Nhiều bệnh nhân đến viện muộn khi đã có dấu hiệu cảnh báo nặng như đau bụng, nôn nhiều, chảy máu"
        " chân răng, vì tự điều trị ở nhà mấy ngày”, bác sĩ Mai nói.",
        "Trung tâm Kiểm soát bệnh tật tỉnh đã tổ chức các đợt phun hoá chất diệt muỗi tại những phường có"
        " nhiều ca bệnh, đồng thời vận động người dân lật úp dụng cụ chứa nước quanh nhà.",
        "Ngành y tế khuyến cáo khi có biểu hiện sốt cao liên tục, người dân cần đến cơ sở y tế để được khám"
        " và theo dõi, tuyệt đối không tự ý truyền dịch hay dùng thuốc hạ sốt không đúng loại.",
        "Dự báo số ca mắc còn tăng trong những tháng cuối năm, khi mùa mưa bắt đầu, tỉnh đang xây dựng phương"
        " án thu dung, điều trị để không bị động như đợt dịch lớn trước đây.",
    ),
    caption="Bệnh nhân sốt xuất huyết nằm ghép tại khoa Truyền nhiễm. Ảnh: Minh Châu",
    author="Minh Châu",
)

SCHOOL = Story(
    title="Trường vùng cao ở Hà Giang đón học sinh trở lại sau đợt mưa lũ",
    sapo=(
        "Sau gần hai tuần phải nghỉ học vì mưa lũ làm hư hỏng lớp học và đường sá, hơn 500 học sinh của"
        " trường phổ thông dân tộc bán trú xã Thượng Sơn đã trở lại trường."
    ),
    paras=(
        "Sáng 9/9, từ tờ mờ sáng, nhiều phụ huynh đã dắt con vượt hàng chục cây số đường đèo còn lầy lội để"
        " đưa các em về trường, mang theo gạo và rau cho cả tuần.",
        "Thầy Hoàng Văn Sinh, hiệu trưởng nhà trường, cho biết đợt lũ vừa qua làm sập hai phòng học, cuốn"
        " trôi nhiều bàn ghế và sách vở của học sinh ở khu bán trú.",
        "Giáo viên, bộ đội biên phòng và người dân đã mất gần một tuần để dọn bùn đất, sửa lại mái tôn và"
        " dựng lớp học tạm bằng tre nứa để các em có chỗ học.",
        "“Có em đi bộ hơn ba tiếng mới tới trường, quần áo ướt hết nhưng vẫn vui vì được gặp lại thầy cô"
        " và bạn bè”, thầy Sinh kể.",
        "Nhiều tổ chức, nhà hảo tâm đã gửi tặng sách vở, áo ấm và gạo cho học sinh, giúp nhà trường duy trì"
        " bữa ăn bán trú đầy đủ trong những tháng đầu năm học mới.",
        "Sở Giáo dục và Đào tạo tỉnh đề nghị các trường vùng cao rà soát lại phòng học, ký túc xá, có"
        " phương án di chuyển học sinh đến nơi an toàn khi có mưa lớn kéo dài.",
    ),
    caption="Học sinh trường bán trú xã Thượng Sơn trong lớp học tạm. Ảnh: Hoàng Nam",
    author="Hoàng Nam",
)
