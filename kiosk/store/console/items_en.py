"""The English of the item pages — list, item, edit, queue, review, publish, signing key — and
of the workflow's labels: the strings the templates pass to ``t(...)`` (Chinese is the
source language; a test checks that every one has its English)."""

from __future__ import annotations

from kiosk.store.console import web

web.add_translations(
    {
        # The list, the queue and their pagers.
        "分页": "Pages",
        "第": "page",
        "已公开修订": "published revision",
        "没有符合条件的条目。": "No item matches.",
        "你写的，须由他人审核": "yours: someone else must approve it",
        "提交时间": "Submitted",
        "没有待审核的修订。": "No revision waits for approval.",
        # Writing.
        "上传附件（PNG、JPEG、WebP 图片或 PDF，每个不超过 10 MB）": (
            "Upload attachments (PNG, JPEG or WebP images, or PDFs; at most 10 MB each)"
        ),
        "保留的附件": "Attachments kept",
        "公开起始（办公时间）": "Public from (office time)",
        "到期（办公时间）": "Expires (office time)",
        "大屏尺寸": "LED wall size",
        "预览": "Preview",
        # Review.
        "决定": "Decision",
        "对照已公开修订": "Compared with the published revision",
        "首次公开": "First publication",
        "批准即用你在本浏览器中的密钥签署这次修订的全部字段。": (
            "Approving signs every field of this revision with your key in this browser."
        ),
        "本浏览器有你的密钥。": "This browser holds your key.",
        "本浏览器没有你的密钥。": "This browser does not hold your key.",
        "签名失败。": "Signing failed.",
        "这个浏览器里没有你的签名密钥：请先到“签名密钥”页面创建或导入。": (
            "This browser holds no signing key of yours: create or import one on the Signing key page first."
        ),
        "你的签名密钥尚未写入已签署的根：批准会被存储，但各终端要等办公室重新签署根之后才接受。": (
            "Your signing key is not in the signed root yet: the approval is stored, but kiosks accept it "
            "only once the office signs the root again."
        ),
        # Publishing and withdrawing.
        "已批准，待发布": "Approved, waiting to be published",
        "批准时间": "Approved",
        "立即": "at once",
        "没有待发布的修订。": "No revision waits for publication.",
        "没有已公开的条目。": "No item is published.",
        "现在发布，各终端在几秒内显示。": "Publish now: the kiosks show it within seconds.",
        "这次修订批准的公开起始时间是": "This revision was approved to be public from",
        "：现在发布，终端从那时起显示。": ": publish now, and the kiosks show it from then.",
        "撤回后，这个条目会在几秒内从所有屏幕上消失。": "Once withdrawn, the item leaves every screen within seconds.",
        "我确认撤回修订": "I confirm withdrawing revision",
        "这个浏览器里没有你的签名密钥。": "This browser holds no signing key of yours.",
        "本浏览器有你的签名密钥。": "This browser holds your signing key.",
        "本浏览器没有你的签名密钥。": "This browser holds no signing key of yours.",
        "本浏览器没有你的签名密钥：请先到“签名密钥”页面创建或导入。": (
            "This browser holds no signing key of yours: create or import one on the Signing key page first."
        ),
        "你的签名密钥尚未写入已签署的根：各终端要等办公室重新签署根之后才接受你签署的发布和撤回。": (
            "Your signing key is not in the signed root yet: kiosks accept the publications and withdrawals "
            "you sign only once the office signs the root again."
        ),
        "请勾选确认后再撤回。": "Tick the confirmation before withdrawing.",
        "这个条目从未进入过终端的内容。": "This item has never been in the kiosks' content.",
        "最近一次变化在内容版本": "Its latest change came in feed version",
        "在终端内容中": "in the kiosks' content",
        "已不在终端内容中": "no longer in the kiosks' content",
        "台终端已收到。": "kiosks have it.",
        "已显示这次变化": "Shows this change",
        "是": "yes",
        "否": "no",
        # The signing key.
        "批准、发布和撤回都用你自己的密钥签名。密钥保存在这个浏览器里，不能导出，服务器只保存公钥。": (
            "Approvals, publications and withdrawals are signed with your own key. It is kept in this "
            "browser and cannot be exported; the server keeps only the public half."
        ),
        "公钥登记后，服务器立即接受你的签名；各终端要等办公室下一次签署根（kiosk-store root sign）之后才接受。": (
            "Once the public key is registered the server accepts your signatures at once; kiosks accept "
            "them after the office next signs the root (kiosk-store root sign)."
        ),
        "在这个浏览器里创建密钥": "Create a key in this browser",
        "创建并登记": "Create and register",
        "这个浏览器不能创建 Ed25519 密钥。": "This browser cannot create Ed25519 keys.",
        "导入命令行写下的密钥文件": "Import the key file the command line wrote",
        "kiosk-store user add 为审核人和管理员写下的 PKCS8 密钥文件，导入一次即可；导入后可以把文件移走。": (
            "The PKCS8 key file kiosk-store user add wrote for approvers and admins: import it once, "
            "then the file may be moved away."
        ),
        "密钥文件": "Key file",
        "导入": "Import",
        "不是可用的 Ed25519 密钥文件。": "Not a usable Ed25519 key file.",
        "已导入。": "Imported.",
        "账号的公钥：": "The account's public key:",
        # The workflow's labels (kiosk.store.console.labels).
        "已被取代": "superseded",
        "已被新修订替换": "replaced by a newer revision",
        "未登记": "none registered",
        "已登记，待写入根（终端尚不接受）": "registered, waiting for the root (kiosks do not accept it yet)",
        "已写入已签署的根": "in the signed root",
        "已登记（本存储尚无根）": "registered (this store has no root yet)",
    }
)
