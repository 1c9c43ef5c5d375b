"""Property: no sequence of workflow actions and clock moves puts into a feed an internal
item, or a public item before its public_from (or after its expires_at) — and every item
that may be shown is there, at its newest published revision.

The workflow is a hypothesis state machine: each action is generated only when the
workflow allows it (a draft can be submitted, a submitted revision approved, ...), so runs
really reach publication, revision and withdrawal; a separate rule tries the actions the
workflow must refuse. The test counts what the runs reached and fails if they did not.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from store_support import item_file
from support import NOW, make_item

from kiosk import feed, rules
from kiosk.clock import FakeClock
from kiosk.content import Audience
from kiosk.store import feedstate, keys
from kiosk.store.models import Document
from kiosk.store.service import open_store
from kiosk.store.signed_feeds import SignedFeeds
from kiosk.store.workflow import WorkflowError

ITEMS = 4
authors = st.sampled_from(["alice", "carol"])
hours = st.one_of(st.none(), st.integers(-6, 6))
#: (audience, public_from, expires_at) in hours from the clock; an item file refuses a window
#: that closes before it opens, so none is drawn.
content = st.tuples(st.sampled_from(["public", "public", "internal"]), hours, hours).filter(
    lambda c: c[1] is None or c[2] is None or c[2] > c[1]
)


@dataclass
class Revision:
    audience: str
    public_from: datetime | None
    expires_at: datetime | None

    def showable(self, now: datetime, published_at: datetime | None = None) -> bool:
        # Written out again here rather than calling the product's rule: the model is the oracle.
        return (
            self.audience == "public"
            and (published_at is None or published_at <= now)
            and (self.public_from is None or self.public_from <= now)
            and (self.expires_at is None or now < self.expires_at)
        )


@dataclass
class Model:
    """What the workflow should have made of one item."""

    revisions: dict[int, Revision] = field(default_factory=dict)
    latest: int = 1
    state: str = "draft"  # of the latest revision
    author: str = "alice"  # of the latest revision
    live: int | None = None
    #: The revision first published (later publications are revisions), and when: every
    #: publication's document carries that date, and no screen shows it before.
    first_published: int | None = None
    first_published_at: datetime | None = None


class StoreWorkflow(RuleBasedStateMachine):
    #: What the runs reached, over every example of one test (reset by the test).
    reached: Counter = Counter()

    def __init__(self) -> None:
        super().__init__()
        self._folder = tempfile.TemporaryDirectory()
        self.folder = Path(self._folder.name)
        self.clock = FakeClock(NOW)
        self.store = open_store(self.folder / "data", "sqlite://", self.folder / "keys", clock=self.clock)
        self.store.init()
        # carol approves too, but writes here: she may never approve her own revision.
        for name, role in (("alice", "author"), ("bob", "approver"), ("carol", "approver"), ("dan", "admin")):
            self.store.add_user(name, role)
        self.signed = SignedFeeds(self.store, keys.load_store_key(self.folder / "data"))
        self.store_key = self.store.check_initialised()
        self.approver_keys = {u["public_key"] for u in self.store.users() if u["public_key"]}
        self.model: dict[str, Model] = {}
        self.files = 0

    def teardown(self) -> None:
        self.store.db.close()
        self._folder.cleanup()

    # -- helpers ---------------------------------------------------------------------

    def _file(self, spec, **extra) -> tuple[Path, Revision]:
        audience, public_from, expires_at = spec
        now = self.clock.now()
        revision = Revision(
            audience,
            None if public_from is None else now + timedelta(hours=public_from),
            None if expires_at is None else now + timedelta(hours=expires_at),
        )
        fields = {"audience": audience, **extra}
        if revision.public_from is not None:
            fields["public_from"] = revision.public_from.isoformat()
        if revision.expires_at is not None:
            fields["expires_at"] = revision.expires_at.isoformat()
        self.files += 1
        return item_file(self.folder, f"step-{self.files}", f"条目 {self.files}", **fields), revision

    def _edit(self, item_id: str, spec, author: str) -> None:
        path, revision = self._file(spec)
        m = self.model[item_id]
        assert self.store.edit_item(item_id, path, author) == m.latest + 1
        m.latest += 1
        m.revisions[m.latest] = revision
        m.state, m.author = "draft", author  # an earlier pending revision is superseded; the live one stays

    def _ids(self, allowed) -> list[str]:
        return sorted(i for i, m in self.model.items() if allowed(m))

    # -- actions the workflow allows ---------------------------------------------------

    @precondition(lambda self: len(self.model) < ITEMS)
    @rule(spec=content, author=authors)
    def add(self, spec, author):
        # Ids of our own: the store's random ones would make the runs differ on replay.
        path, revision = self._file(spec, id=f"item-{len(self.model)}")
        item_id = self.store.add_item(path, author)
        self.model[item_id] = Model(revisions={1: revision}, author=author)

    @precondition(lambda self: self.model)
    @rule(data=st.data(), spec=content, author=authors)
    def edit(self, data, spec, author):
        self._edit(data.draw(st.sampled_from(sorted(self.model)), label="item"), spec, author)

    @precondition(lambda self: any(m.live is not None for m in self.model.values()))
    @rule(data=st.data(), spec=content, author=authors)
    def revise(self, data, spec, author):
        # An edit of a published item: its revision waits for approval while the live one stays.
        self._edit(data.draw(st.sampled_from(self._ids(lambda m: m.live is not None)), label="item"), spec, author)

    @precondition(lambda self: any(m.state == "draft" for m in self.model.values()))
    @rule(data=st.data())
    def submit(self, data):
        item_id = data.draw(st.sampled_from(self._ids(lambda m: m.state == "draft")), label="item")
        self.store.submit(item_id, self.model[item_id].author)
        self.model[item_id].state = "submitted"

    @precondition(lambda self: any(m.state == "submitted" for m in self.model.values()))
    @rule(data=st.data())
    def approve(self, data):
        item_id = data.draw(st.sampled_from(self._ids(lambda m: m.state == "submitted")), label="item")
        self.store.approve(item_id, "bob")
        self.model[item_id].state = "approved"

    @precondition(lambda self: any(m.state == "approved" for m in self.model.values()))
    @rule(data=st.data())
    def publish(self, data):
        self._publish(data.draw(st.sampled_from(self._ids(lambda m: m.state == "approved")), label="item"))

    @precondition(lambda self: any(m.live is not None for m in self.model.values()))
    @rule(data=st.data(), spec=content, author=authors)
    def republish(self, data, spec, author):
        # A revision carried through the whole workflow in one step: the five single steps
        # that make one (revise, submit, approve, publish) are seldom drawn in that order.
        item_id = data.draw(st.sampled_from(self._ids(lambda m: m.live is not None)), label="item")
        self._edit(item_id, spec, author)
        self.store.submit(item_id, author)
        self.store.approve(item_id, "bob")
        self.model[item_id].state = "approved"
        self._publish(item_id)

    def _publish(self, item_id: str) -> None:
        m = self.model[item_id]
        assert self.store.publish(item_id, "dan") == m.latest
        kind = "revision" if m.first_published is not None else "publication"
        event(kind)
        self.reached[kind] += 1
        m.state, m.live = "published", m.latest
        if m.first_published is None:
            m.first_published, m.first_published_at = m.latest, self.clock.now()

    @precondition(lambda self: any(m.live is not None for m in self.model.values()))
    @rule(data=st.data())
    def withdraw(self, data):
        item_id = data.draw(st.sampled_from(self._ids(lambda m: m.live is not None)), label="item")
        m = self.model[item_id]
        assert self.store.withdraw(item_id, "dan") == m.live
        event("withdrawal")
        self.reached["withdrawal"] += 1
        if m.latest == m.live:
            m.state = "withdrawn"
        m.live = None

    @rule(minutes=st.integers(-300, 300))
    def move_clock(self, minutes):
        self.clock.advance(timedelta(minutes=minutes))

    # -- actions the workflow refuses --------------------------------------------------

    @precondition(lambda self: self.model)
    @rule(data=st.data(), action=st.sampled_from(["submit", "approve", "publish", "withdraw", "self-approve"]))
    def refused(self, data, action):
        allowed = {
            "submit": lambda m: m.state == "draft",
            "approve": lambda m: m.state == "submitted",
            "publish": lambda m: m.state == "approved",
            "withdraw": lambda m: m.live is not None,
            # Refused only for this reason: a submitted revision its approver wrote.
            "self-approve": lambda m: not (m.state == "submitted" and m.author == "carol"),
        }[action]
        candidates = self._ids(lambda m: not allowed(m))
        if not candidates:
            return
        item_id = data.draw(st.sampled_from(candidates), label="item")
        # An approver may not approve what she wrote; everything else is out of order.
        name, actor = {
            "submit": ("submit", "alice"),
            "approve": ("approve", "bob"),
            "publish": ("publish", "dan"),
            "withdraw": ("withdraw", "dan"),
            "self-approve": ("approve", "carol"),
        }[action]
        with pytest.raises(WorkflowError):
            getattr(self.store, name)(item_id, actor)
        self.reached["self-approval refused" if action == "self-approve" else "refusal"] += 1

    @precondition(lambda self: self.model)
    @rule(data=st.data(), spec=content)
    def approve_own(self, data, spec):
        # carol writes a revision, submits it and tries to approve it herself. The general
        # rule above needs an item whose latest revision she wrote to be submitted, and the
        # runs seldom leave one there; this one makes the case on purpose.
        item_id = data.draw(st.sampled_from(sorted(self.model)), label="item")
        self._edit(item_id, spec, "carol")
        self.store.submit(item_id, "carol")
        self.model[item_id].state = "submitted"
        with pytest.raises(WorkflowError):
            self.store.approve(item_id, "carol")
        self.reached["self-approval refused"] += 1
        # Another approver may: the revision goes on towards publication.
        self.store.approve(item_id, "bob")
        self.model[item_id].state = "approved"

    # -- the property ----------------------------------------------------------------

    @invariant()
    def the_feed_holds_exactly_what_may_show(self):
        now = self.clock.now()
        # What a kiosk would be served now: every feed request re-evaluates first.
        self.store.refresh()
        _, body = self.signed.snapshot()
        served = feed.open_feed(body, self.store_key, now, 0)
        shown = {}
        for entry in served.entries:
            with self.store.db.read() as session:
                data = session.get(Document, entry.sha256).data
            item = feed.open_item_document(data, entry.sha256, self.approver_keys)  # refuses internal items
            assert rules.may_show(item, now), (item, now)
            assert (item.id, item.revision) == (entry.id, entry.revision)
            # A re-publication says so ("revised on ..."); the first one does not.
            assert (item.revised_at is None) == (item.revision == self.model[item.id].first_published), item
            shown[item.id] = item.revision
        expected = {
            i: m.live
            for i, m in self.model.items()
            if m.live is not None and m.revisions[m.live].showable(now, m.first_published_at)
        }
        assert shown == expected
        if shown:
            self.reached["shown"] += 1
            if any(revision > 1 for revision in shown.values()):
                self.reached["revision shown"] += 1


def test_nothing_unpublishable_ever_reaches_a_feed():
    StoreWorkflow.reached = Counter()
    run_state_machine_as_test(
        StoreWorkflow,
        # The same runs every time on one Hypothesis version (the seed comes from its own
        # source). Random seeds reached every count below at least 26 times in 50 examples, so
        # a new version's seed does not decide whether the test passes.
        settings=settings(
            max_examples=50,
            stateful_step_count=60,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    reached = StoreWorkflow.reached
    # The property is only worth something if the runs got there.
    print(dict(reached))
    for what in (
        "publication",
        "revision",
        "withdrawal",
        "refusal",
        "self-approval refused",
        "shown",
        "revision shown",
    ):
        assert reached[what] >= 3, f"the runs reached {what} only {reached[what]} times: {dict(reached)}"


@given(st.sampled_from(list(Audience)), hours, hours, st.integers(-600, 600), st.integers(-600, 600))
def test_the_stores_window_rule_is_the_kiosks(audience, public_from, expires_at, minutes, published):
    item = make_item(
        audience=audience,
        published_at=NOW + timedelta(minutes=published),
        public_from=NOW + timedelta(hours=public_from) if public_from is not None else None,
        expires_at=NOW + timedelta(hours=expires_at) if expires_at is not None else None,
    )
    now = NOW + timedelta(minutes=minutes)
    store_rule = feedstate.in_window(item.audience.value, item.public_from, item.expires_at, now, item.published_at)
    assert store_rule == rules.may_show(item, now)
