<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdminActions</name>
    <message>
        <location filename="../../kiosk/qt/admin/actions.py" line="+81"/>
        <source>版本</source>
        <extracomment>Where the overlay&apos;s screenshots go, inside the state directory. The status panel&apos;s lines, gathered (on the UI thread). An action finished: one line saying what it did. Quit the kiosk with this exit status (restart, or exit to the desktop). What the status panel shows may have changed (a sync attempt ended, content changed).</extracomment>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本机演示内容（未配置中央库）</source>
        <translation>Demo content on this machine (no central store configured)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>内容版本</source>
        <translation>Content version</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已过期（自 %1）</source>
        <translation>Expired (since %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>有效，至 %1</source>
        <translation>Valid, until %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>内容新鲜度</source>
        <translation>Content freshness</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上次同步成功</source>
        <translation>Last successful sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上次错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>显示事项</source>
        <translation>Items shown</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>意见待发送 / 已搁置</source>
        <translation>Feedback to send / set aside</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>运行时间</source>
        <translation>Running for</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>屏幕 %1</source>
        <translation>Screen %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1，区域 %2</source>
        <translation>%1, region %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>中文字体</source>
        <translation>Chinese font</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>无（中文将无法显示）</source>
        <translation>None (Chinese cannot be shown)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>与中央库时钟偏差</source>
        <translation>Clock offset from the central store</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 秒</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>未配置中央库，无需同步</source>
        <translation>No central store configured: nothing to sync</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已开始同步</source>
        <translation>Sync started</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未配置中央库，意见留在本机</source>
        <translation>No central store configured: feedback stays on this machine</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已开始发送意见</source>
        <translation>Sending feedback</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>内容已重新载入</source>
        <translation>Content reloaded</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>截图失败</source>
        <translation>Screenshots failed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已保存 %1 张截图：%2</source>
        <translation>%1 screenshots saved: %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 天 %2 小时 %3 分</source>
        <translation>%1 d %2 h %3 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 小时 %2 分</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>AdminOverlay</name>
    <message>
        <location filename="../../kiosk/qt/admin/overlay.py" line="+168"/>
        <source>PIN 不正确</source>
        <extracomment>The pad takes no more digits than the longest PIN ``kiosk set-pin`` accepts. A touch on the open overlay: the touch screen&apos;s own idle countdown restarts too. Which opening of the pad a PIN check belongs to: a check that ends after the pad was closed (idle, reset) must not open anything. How many digits are typed (the pad shows dots, never the digits). Whether a PIN was set when the pad opened; without one the pad shows how to set it. The status panel&apos;s lines: ``{&quot;label&quot;: …, &quot;value&quot;: …}``.</extracomment>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无法核对 PIN</source>
        <translation>The PIN could not be checked</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>错误次数过多，请 %1 秒后再试</source>
        <translation>Too many wrong PINs: try again in %1 s</translation>
    </message>
</context>
<context>
    <name>AttractPage</name>
    <message>
        <location filename="../../screens/touch/AttractPage.qml" line="+20"/>
        <source>市政府党务公开</source>
        <translation>City Government Public Disclosure</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>公开内容 · 办事指南 · 意见建议</source>
        <translation>Disclosures · Service guides · Opinions</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>最新公开</source>
        <translation>Latest</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>轻触阅读 ›</source>
        <translation>Tap to read ›</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>暂无公开事项</source>
        <translation>Nothing published yet</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>轻触屏幕开始</source>
        <translation>Touch the screen to start</translation>
    </message>
</context>
<context>
    <name>CategoryTile</name>
    <message>
        <location filename="../../screens/touch/CategoryTile.qml" line="+71"/>
        <source>%1 条</source>
        <translation>Items: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>暂无公开事项</source>
        <translation>Nothing published yet</translation>
    </message>
</context>
<context>
    <name>FeedbackPage</name>
    <message>
        <location filename="../../screens/touch/FeedbackPage.qml" line="+75"/>
        <source>您对我们的公开工作满意吗？点一下即可评价</source>
        <translation>Are you satisfied with our disclosure work? One tap to rate.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>欢迎对党务公开工作提出意见和建议</source>
        <translation>We welcome your opinions and suggestions on our disclosure work</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>关于：%1</source>
        <translation>About: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>不针对此条</source>
        <translation>Not about this item</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>请写下您的意见或建议（%1–%2 字）</source>
        <translation>Write your opinion or suggestion (%1–%2 characters)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>留下姓名和电话以便答复（我同意保存，答复后删除）</source>
        <translation>Leave my name and phone for a reply (I agree they are kept until then, then deleted)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>姓名（可不填）</source>
        <translation>Name (optional)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>电话（可不填）</source>
        <translation>Phone (optional)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>正在提交…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提交意见</source>
        <translation>Send</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>也可以通过以下方式反映：</source>
        <translation>You can also reach us by:</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>感谢您的意见！</source>
        <translation>Thank you for your feedback!</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>查询编号</source>
        <translation>Reference number</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>我们将在 %1 个工作日内处理。</source>
        <translation>We will reply within %1 working days.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>继续留言</source>
        <translation>Leave more feedback</translation>
    </message>
</context>
<context>
    <name>FeedbackViewModel</name>
    <message>
        <location filename="../../kiosk/qt/feedback/texts.py" line="+19"/>
        <source>已删除无法显示的控制字符</source>
        <extracomment>Shown when control or bidi characters were removed from what the visitor typed. (The stub types what QT_TRANSLATE_NOOP returns as object; it returns its message.)</extracomment>
        <translation>Removed control characters that cannot be shown</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>建议</source>
        <extracomment>The names of kiosk.feedback.KINDS and RATINGS, listed here so that lupdate extracts them; they are translated where they are shown.</extracomment>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>意见</source>
        <translation>Opinion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>咨询</source>
        <translation>Question</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表扬</source>
        <translation>Praise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>意见邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>意见电话</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请填写您的意见或建议</source>
        <translation>Please write your opinion or suggestion</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请至少写 %1 个字（现在 %2 个）</source>
        <translation>Please write at least %1 characters (now %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>内容太长：最多 %1 个字（现在 %2 个）</source>
        <translation>Too long: at most %1 characters (now %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>电话号码只能包含数字、空格和“-”</source>
        <translation>A phone number may contain only digits, spaces and “-”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>姓名最多 %1 个字</source>
        <translation>A name may have at most %1 characters</translation>
    </message>
    <message>
        <location filename="../../kiosk/qt/feedback/form.py" line="+238"/>
        <source>原因太长：最多 %1 个字</source>
        <extracomment>A record was committed to the outbox (its id): time to upload. The visitor cancelled a low rating instead of sending it (with or without a reason). The office&apos;s published email and telephone for opinions. The in-place answer to a one-tap rating: &quot;&quot;, &quot;thanks&quot;, &quot;limited&quot; or &quot;failed&quot;. With ``ratingNotice == &quot;limited&quot;``: seconds until the kiosk accepts the next one. Seconds until the form may be sent again (0: now); ``message`` counts them down.</extracomment>
        <translation>Reason too long: at most %1 characters</translation>
    </message>
    <message>
        <location filename="../../kiosk/qt/feedback/texts.py" line="+6"/>
        <source>提交太频繁，请 %1 秒后再试</source>
        <translation>Too many submissions: please try again in %1 seconds</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>暂时无法保存您的意见，请稍后再试或拨打意见电话 %1</source>
        <translation>Your feedback could not be saved. Please try again later, or call %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>暂时无法保存您的意见，请稍后再试</source>
        <translation>Your feedback could not be saved. Please try again later</translation>
    </message>
</context>
<context>
    <name>HandwritingPad</name>
    <message>
        <location filename="../../screens/touch/HandwritingPad.qml" line="+32"/>
        <source>请在此处写一个字</source>
        <translation>Write one character here</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>重写</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>⌫ 删除</source>
        <translation>⌫ Delete</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../screens/touch/HomePage.qml" line="+45"/>
        <source>请点击类别，查看公开内容</source>
        <translation>Tap a category to see what is published</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>搜索：标题、正文、文号，可用拼音</source>
        <translation>Search: titles, text, document no., pinyin</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>意见箱</source>
        <translation>Opinion Box</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>关怀模式 已开</source>
        <translation>Care mode on</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>关怀模式</source>
        <translation>Care mode</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>您对党务公开工作满意吗？</source>
        <translation>Are you satisfied with our work?</translation>
    </message>
</context>
<context>
    <name>ItemPage</name>
    <message>
        <location filename="../../screens/touch/ItemPage.qml" line="+62"/>
        <source>朗读</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>继续</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>停止</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>正文较长，此处只显示开头部分。</source>
        <translation>This text is long; only its beginning is shown here.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>点击放大</source>
        <translation>Tap to enlarge</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>查看文件：%1</source>
        <translation>Open document: %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>扫码在手机上阅读</source>
        <translation>Scan to read on your phone</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>您对这条公开内容满意吗？</source>
        <translation>Are you satisfied with this item?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>对此条内容提意见</source>
        <translation>Comment on this item</translation>
    </message>
</context>
<context>
    <name>KeyboardPanel</name>
    <message>
        <location filename="../../screens/touch/KeyboardPanel.qml" line="+89"/>
        <source>键盘
输入</source>
        <translation>Key-
board</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>手写
输入</source>
        <translation>Hand-
writing</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <location filename="../../screens/touch/ListPage.qml" line="+41"/>
        <source>全部单位</source>
        <translation>All offices</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已修订</source>
        <translation>Revised</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>本类别暂无公开内容</source>
        <translation>Nothing published in this category yet</translation>
    </message>
</context>
<context>
    <name>PageEnd</name>
    <message>
        <location filename="../../screens/touch/PageEnd.qml" line="+24"/>
        <source>已到底部</source>
        <translation>End of page</translation>
    </message>
</context>
<context>
    <name>PdfPage</name>
    <message>
        <location filename="../../screens/touch/PdfPage.qml" line="+85"/>
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../screens/admin/PinPad.qml" line="+25"/>
        <source>管理员 PIN</source>
        <translation>Administrator PIN</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>未设置管理员密码：在终端运行
kiosk set-pin</source>
        <translation>No administrator PIN is set: in a terminal run
kiosk set-pin</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在核对…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RatingRow</name>
    <message>
        <location filename="../../screens/touch/RatingRow.qml" line="+71"/>
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交太频繁，请 %1 秒后再试</source>
        <translation>Too many submissions: please try again in %1 seconds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂时无法保存您的评价，请稍后再试</source>
        <translation>Your rating could not be saved. Please try again later</translation>
    </message>
</context>
<context>
    <name>ReadAloud</name>
    <message>
        <location filename="../../kiosk/qt/touch/aloud.py" line="+20"/>
        <source>请点击类别，查看公开内容</source>
        <translation>Tap a category to see what is published</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1，%2 条</source>
        <translation>%1, %2 items</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请输入要搜索的标题、正文或文号，可用拼音或手写</source>
        <translation>Type a title, words of the text or a document number; pinyin and handwriting work too</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>意见箱。请选择类别，写下您的意见，然后点击提交。留下姓名和电话是自愿的。</source>
        <translation>Opinion box. Choose a kind, write your opinion, then tap send. Leaving your name and telephone is up to you.</translation>
    </message>
</context>
<context>
    <name>ReasonPanel</name>
    <message>
        <location filename="../../screens/touch/ReasonPanel.qml" line="+27"/>
        <source>您选择了“%1”。能告诉我们原因吗？（可不填）</source>
        <translation>You chose “%1”. Can you tell us why? (optional)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>或写下原因</source>
        <translation>Or write a reason</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>提交</source>
        <translation>Send</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>不填原因，直接提交</source>
        <translation>Send without a reason</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReferenceCheck</name>
    <message>
        <location filename="../../screens/touch/ReferenceCheck.qml" line="+19"/>
        <source>查询意见处理情况：输入提交后得到的编号</source>
        <translation>Check on an opinion: type the reference you were given</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>如 ABC-DEF</source>
        <translation>e.g. ABC-DEF</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>查询</source>
        <translation>Check</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>编号是六位字母和数字，如 ABC-DEF，请核对后再查。</source>
        <translation>A reference is six letters and digits, like ABC-DEF. Please check it and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在查询…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1：已在本机收到，尚未送达办公室（网络恢复后自动发送）。</source>
        <translation>%1: received on this kiosk, not yet delivered to the office (it is sent as soon as the network is back).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1：已在本机收到，但未能送达办公室，请通过上方电话或邮箱反映。</source>
        <translation>%1: received on this kiosk, but it could not be delivered to the office. Please use the telephone or email above.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1：已收到。意见已送达办公室。</source>
        <translation>%1: received. It has reached the office.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1：正在办理。意见已送达办公室，正在办理。</source>
        <translation>%1: being handled. It has reached the office, which is dealing with it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1：已答复。办公室已办理并作了答复。</source>
        <translation>%1: answered. The office has dealt with it and given its answer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1：本机没有这条记录。意见送达办公室后，本机即删除副本；办理进度请通过上方电话查询。</source>
        <translation>%1: this kiosk holds no such record. Once an opinion reaches the office this kiosk deletes its copy; ask about its progress by the telephone above.</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../screens/touch/SearchPage.qml" line="+47"/>
        <source>输入标题、正文或文号中的字词，或拼音首字母</source>
        <translation>Type words from a title, text or document number, or pinyin initials</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>没有找到相关内容</source>
        <translation>Nothing found</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>找到 %1 条</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>没有找到“%1”的相关内容。可以换个词，或者：</source>
        <translation>Nothing found for “%1”. Try another word, or:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>其他访客搜索过：</source>
        <translation>Other visitors searched for:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>按类别浏览：</source>
        <translation>Browse by category:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1（%2 条）</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>Signage</name>
    <message>
        <location filename="../../screens/Signage.qml" line="+13"/>
        <source>党务公开 · 信息屏</source>
        <translation>Public Disclosure · Display</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>党务公开</source>
        <translation>Public Disclosure</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>新</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>暂无公开内容</source>
        <translation>Nothing published yet</translation>
    </message>
</context>
<context>
    <name>SignageViewModel</name>
    <message>
        <location filename="../../kiosk/qt/signage.py" line="+39"/>
        <source>未完，全文请扫码或到触摸屏阅读</source>
        <extracomment>The background runner&apos;s lane for the play log&apos;s writes (each one an fsync), in order.</extracomment>
        <translation>Continued: scan the code or use the touch screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未完，全文请到触摸屏阅读</source>
        <translation>Continued on the touch screen</translation>
    </message>
</context>
<context>
    <name>SlideView</name>
    <message>
        <location filename="../../screens/components/SlideView.qml" line="+87"/>
        <source>扫码阅读全文</source>
        <translation>Scan to read in full</translation>
    </message>
</context>
<context>
    <name>Staleness</name>
    <message>
        <location filename="../../kiosk/qt/staleness.py" line="+26"/>
        <source>最后更新 %1</source>
        <translation>Last updated %1</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../../screens/admin/StatusPanel.qml" line="+19"/>
        <source>管理员 · 终端状态</source>
        <translation>Administrator · kiosk status</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>立即发送意见</source>
        <translation>Send feedback now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新载入内容</source>
        <translation>Reload content</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>截取所有屏幕</source>
        <translation>Screenshot of every screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新状态</source>
        <translation>Refresh status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新启动</source>
        <translation>Restart</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出到桌面</source>
        <translation>Exit to the desktop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭并锁定</source>
        <translation>Close and lock</translation>
    </message>
</context>
<context>
    <name>Touch</name>
    <message>
        <location filename="../../screens/Touch.qml" line="+28"/>
        <source>党务公开 · 触摸屏</source>
        <translation>Public Disclosure · Touch Screen</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>朗读本页</source>
        <translation>Read page aloud</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>停止朗读</source>
        <translation>Stop reading</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+4"/>
        <source>市政府党务公开</source>
        <translation>Public Disclosure</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+37"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>意见箱</source>
        <translation>Opinion Box</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>字号 标准</source>
        <translation>Text: Normal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>字号 较大</source>
        <translation>Text: Large</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>字号 特大</source>
        <translation>Text: Largest</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>高对比</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>退出关怀模式</source>
        <translation>Leave care mode</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>%1 秒后回到待机画面
您输入的内容将被清除</source>
        <translation>Back to the start screen in %1 s
What you typed will be cleared</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>继续使用</source>
        <translation>Keep using</translation>
    </message>
</context>
</TS>
