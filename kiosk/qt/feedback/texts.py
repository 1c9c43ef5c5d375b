"""The opinion box's visitor-facing texts that are not in QML.

They go through Qt's catalogue with the context "FeedbackViewModel" (the class whose
``tr()`` shows them), like the QML's ``qsTr()``: assets/translations/kiosk_en.ts.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kiosk import feedback as fb
from kiosk.outbox import RateLimited
from kiosk.qt.i18n import fill

#: Shown when control or bidi characters were removed from what the visitor typed.
#: (The stub types what QT_TRANSLATE_NOOP returns as object; it returns its message.)
STRIPPED = cast(str, QT_TRANSLATE_NOOP("FeedbackViewModel", "已删除无法显示的控制字符"))
#: The names of kiosk.feedback.KINDS and RATINGS, listed here so that lupdate extracts them;
#: they are translated where they are shown.
NAMES = (
    QT_TRANSLATE_NOOP("FeedbackViewModel", "建议"),
    QT_TRANSLATE_NOOP("FeedbackViewModel", "意见"),
    QT_TRANSLATE_NOOP("FeedbackViewModel", "咨询"),
    QT_TRANSLATE_NOOP("FeedbackViewModel", "表扬"),
    QT_TRANSLATE_NOOP("FeedbackViewModel", "非常满意"),
    QT_TRANSLATE_NOOP("FeedbackViewModel", "满意"),
    QT_TRANSLATE_NOOP("FeedbackViewModel", "基本满意"),
    QT_TRANSLATE_NOOP("FeedbackViewModel", "不满意"),
    QT_TRANSLATE_NOOP("FeedbackViewModel", "非常不满意"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("FeedbackViewModel", text)


def kinds() -> list[dict]:
    return [{"key": k, "name": _tr(n)} for k, n in fb.KINDS.items()]


def ratings() -> list[dict]:
    return [{"key": k, "name": _tr(n), "low": k in fb.LOW_RATINGS} for k, n in fb.RATINGS.items()]


def rating_name(key: str) -> str:
    name = fb.RATINGS.get(key, "")
    return _tr(name) if name else ""


def contact_lines(contact) -> list[dict]:
    """The office's published email and telephone for opinions, labelled."""
    lines = []
    if contact.email:
        lines.append(
            {
                "kind": "email",
                "label": QCoreApplication.translate("FeedbackViewModel", "意见邮箱"),
                "value": contact.email,
            }
        )
    if contact.telephone:
        lines.append(
            {
                "kind": "telephone",
                "label": QCoreApplication.translate("FeedbackViewModel", "意见电话"),
                "value": contact.telephone,
            }
        )
    return lines


def form_problem(text: str, min_length: int, max_length: int, *, consent: bool, name: str, phone: str) -> str:
    """What keeps the form from being sent, for the visitor; "" when nothing does."""
    length = fb.graphemes(text.strip())
    if length == 0:
        return QCoreApplication.translate("FeedbackViewModel", "请填写您的意见或建议")
    if length < min_length:
        return fill(
            QCoreApplication.translate("FeedbackViewModel", "请至少写 %1 个字（现在 %2 个）"), min_length, length
        )
    if length > max_length:
        return fill(
            QCoreApplication.translate("FeedbackViewModel", "内容太长：最多 %1 个字（现在 %2 个）"), max_length, length
        )
    if consent and phone.strip() and not fb.PHONE_PATTERN.fullmatch(phone.strip()):
        return QCoreApplication.translate("FeedbackViewModel", "电话号码只能包含数字、空格和“-”")
    if consent and fb.graphemes(name.strip()) > fb.NAME_LIMIT:
        return fill(QCoreApplication.translate("FeedbackViewModel", "姓名最多 %1 个字"), fb.NAME_LIMIT)
    return ""


def too_often(seconds: int) -> str:
    """The wait before the next submission, in whole seconds (counted down as it passes)."""
    return fill(QCoreApplication.translate("FeedbackViewModel", "提交太频繁，请 %1 秒后再试"), seconds)


def not_saved(error: BaseException, telephone: str) -> str:
    """Why a submission was not committed, and what the visitor can do."""
    if isinstance(error, RateLimited):
        return too_often(int(error.retry_in + 0.999))
    if telephone:
        return fill(
            QCoreApplication.translate("FeedbackViewModel", "暂时无法保存您的意见，请稍后再试或拨打意见电话 %1"),
            telephone,
        )
    return QCoreApplication.translate("FeedbackViewModel", "暂时无法保存您的意见，请稍后再试")
