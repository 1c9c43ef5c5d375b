"""Names the item pages show for the workflow's and the content model's words, in Chinese
(the console's source language) and English, and :func:`render`, which gives templates
``label("state:draft")`` beside the console's own ``t(...)``."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from kiosk.store.console import items_en, web  # noqa: F401 (items_en: its English)

LABELS = {
    "state:draft": "草稿",
    "state:submitted": "待审核",
    "state:approved": "已批准",
    "state:scheduled": "已定时发布",
    "state:published": "已公开",
    "state:withdrawn": "已撤回",
    "state:superseded": "已被取代",
    "state:replaced": "已被新修订替换",
    "cadence:routine": "常规",
    "cadence:phased": "阶段性",
    "cadence:ad-hoc": "临时",
    "audience:public": "向社会公开",
    "audience:internal": "党内公开",
    "priority:normal": "普通",
    "priority:urgent": "紧急",
    "key:none": "未登记",
    "key:pending": "已登记，待写入根（终端尚不接受）",
    "key:trusted": "已写入已签署的根",
    "key:no-root": "已登记（本存储尚无根）",
    "field:title": "标题",
    "field:summary": "摘要",
    "field:category": "类别",
    "field:unit": "单位",
    "field:audience": "公开范围",
    "field:cadence": "公开时限",
    "field:priority": "优先级",
    "field:public_from": "公开起始",
    "field:expires_at": "到期",
    "field:doc_number": "文号",
    "field:index_number": "索引号",
    "field:web_url": "网址",
    "field:attachments": "附件",
}

web.add_translations(
    {
        "草稿": "draft",
        "待审核": "Waiting for approval",
        "已批准": "approved",
        "已公开": "published",
        "已撤回": "withdrawn",
        "常规": "routine",
        "阶段性": "phased",
        "临时": "ad hoc",
        "向社会公开": "public",
        "党内公开": "internal",
        "普通": "normal",
        "紧急": "urgent",
        "条目": "Items",
        "新建条目": "New item",
        "修改条目": "Edit item",
        "标题": "Title",
        "摘要": "Summary",
        "类别": "Category",
        "单位": "Unit",
        "状态": "State",
        "公开范围": "Audience",
        "公开时限": "Cadence",
        "优先级": "Priority",
        "文号": "Document no.",
        "索引号": "Index no.",
        "网址": "Web address",
        "附件": "Attachments",
        "公开起始": "Public from",
        "到期": "Expires",
        "修订": "Revision",
        "作者": "Author",
        "修改时间": "Changed",
        "全部": "All",
        "查找": "Search",
        "搜索（标题、正文、文号）": "Search (title, text, document number)",
        "上一页": "Previous page",
        "下一页": "Next page",
        "修改": "Edit",
        "提交审核": "Submit for approval",
        "审核": "Review",
        "发布": "Publish",
        "撤回": "Withdraw",
        "发布与撤回": "Publish and withdraw",
        "签名并批准": "Sign and approve",
        "签名并发布": "Sign and publish",
        "已定时发布": "scheduled",
        "定时发布": "Scheduled publication",
        "已签名，将于": "is signed and enters the kiosks' content at",
        "进入各终端的内容。在此之前可以取消。": "; until then it can be cancelled.",
        "取消定时发布": "Cancel the scheduled publication",
        "定时发布：现在签名，": "Publish later: signed now, it enters the kiosks' content at",
        "起进入各终端的内容，屏幕上的发布日期也是这个时间。": ", and screens show that time as its date.",
        "改为现在发布": "Publish now instead",
        "签名并定时发布": "Sign and schedule",
        "下载 PDF": "Download the PDF",
        "页码": "Page",
        "这个 PDF 无法预览，可以下载查看。": "This PDF cannot be previewed; download it to read it.",
        "无法预览这一页": "This page cannot be previewed",
        "以后发布（办公时间）": "Publish later (office time)",
        "准备定时发布": "Prepare to publish later",
        "发布时间": "Publication time",
        "发布时间已经过去：请选一个以后的时间，或现在发布。": (
            "That time has passed: choose a later one, or publish now."
        ),
        "发布时间不是一个时间。": "The publication time is not a time.",
        "签名并撤回": "Sign and withdraw",
        "退回作者": "Send back to the author",
        "退回理由": "Reason for sending back",
        "触摸屏条目页": "Touch screen item page",
        "大屏分页": "LED wall pages",
        "页": "pages",
        "保存草稿": "Save draft",
        "签名密钥": "Signing key",
        "终端": "Kiosks",
        "正文（Markdown）": "Text (Markdown)",
        "正文": "Text",
        "字段": "Field",
    }
)


def render(request: Request, template_name: str, status_code: int = 200, **context) -> HTMLResponse:
    def label(key: str) -> str:
        return web.t(request, LABELS.get(key, key))

    return web.render(request, template_name, status_code=status_code, label=label, **context)
