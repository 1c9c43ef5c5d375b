"""The console's English strings. Chinese is the source language: each key is the Chinese
text a page shows, and its value the English. A page module adds its own with
:func:`kiosk.store.console.web.add_translations`."""

from __future__ import annotations

EN: dict[str, str] = {
    "公开栏管理台": "Disclosure console",
    "登录": "Sign in",
    "退出": "Sign out",
    "账号": "Account",
    "密码": "Password",
    "首页": "Home",
    "中文": "中文",
    "English": "English",
    "语言": "Language",
    "你可以做的事": "What you can do",
    "角色": "Role",
    "作者": "author",
    "审核人": "approver",
    "管理员": "admin",
    "登录已过期或尚未登录，请登录。": "Your session has ended or you are not signed in: please sign in.",
    "不允许": "Not allowed",
    "出错了": "Something went wrong",
    "返回首页": "Back to the home page",
    "你的角色不能做这件事。": "Your role may not do this.",
    "表单已过期，请重新打开页面再试。": "The form has expired: open the page again and retry.",
    "找不到": "Not found",
    "请求有误": "Bad request",
    "主要内容": "Main content",
    "导航": "Navigation",
    "已登录": "Signed in as",
    "账号或密码错误。": "Wrong name or password.",
    "登录失败次数过多，请稍后再试。": "Too many failed sign-ins: try again later.",
}


def translate(lang: str, text: str) -> str:
    if lang == "en":
        return EN.get(text, text)
    return text
