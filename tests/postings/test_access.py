"""One test per access rule, over roles and over someone else's object."""
import pytest

from matchmaking.extensions import db
from matchmaking.needs.models import Need
from matchmaking.programmes.models import Programme


@pytest.fixture
def world(make):
    """Two schools and two enterprises, each with a draft, a published and a closed item."""
    w = {}
    for key, factory, posting in (("school_a", make.school, make.programme), ("school_b", make.school, make.programme),
                                  ("ent_a", make.enterprise, make.need), ("ent_b", make.enterprise, make.need)):
        org = factory()
        w[key] = org
        w[key + "_user"] = make.user(org)
        for status in ("draft", "published", "closed"):
            w[f"{key}_{status}"] = posting(org, status=status)
    bureau = make.bureau()
    w["bureau_user"] = make.user(bureau)
    return w


def _path(item):
    return f"/{'programmes' if isinstance(item, Programme) else 'needs'}/{item.id}"


OTHERS = [  # (viewer, owner) pairs where the viewer is someone else
    ("school_a", "school_b"), ("school_a", "ent_a"), ("ent_a", "ent_b"), ("ent_a", "school_a"),
]


@pytest.mark.parametrize("viewer,owner", OTHERS)
@pytest.mark.parametrize("status", ["draft", "closed"])
def test_others_cannot_see_unpublished_items(client, auth, world, viewer, owner, status):
    auth.login(world[viewer + "_user"].email)
    assert client.get(_path(world[f"{owner}_{status}"])).status_code == 404


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_anonymous_cannot_see_unpublished_items(client, world, status):
    for owner in ("school_a", "ent_a"):
        assert client.get(_path(world[f"{owner}_{status}"])).status_code == 404


@pytest.mark.parametrize("owner", ["school_a", "ent_a"])
def test_everyone_sees_published_items(client, world, owner):
    assert client.get(_path(world[f"{owner}_published"])).status_code == 200


@pytest.mark.parametrize("owner", ["school_a", "ent_a"])
@pytest.mark.parametrize("status", ["draft", "published", "closed"])
def test_owner_sees_own_items(client, auth, world, owner, status):
    auth.login(world[owner + "_user"].email)
    assert client.get(_path(world[f"{owner}_{status}"])).status_code == 200


def test_bureau_sees_drafts(client, auth, world):
    auth.login(world["bureau_user"].email)
    assert client.get(_path(world["school_a_draft"])).status_code == 200


@pytest.mark.parametrize("viewer,owner", OTHERS)
@pytest.mark.parametrize("status", ["draft", "published"])
def test_others_cannot_edit(client, auth, world, viewer, owner, status):
    item = world[f"{owner}_{status}"]
    auth.login(world[viewer + "_user"].email)
    assert client.get(_path(item) + "/edit").status_code == 404
    assert client.post(_path(item) + "/edit", data={"title": "被篡改"}).status_code == 404
    db.session.refresh(item)
    assert item.title != "被篡改"


@pytest.mark.parametrize("viewer,owner", OTHERS)
@pytest.mark.parametrize("action", ["publish", "close", "reopen", "archive"])
def test_others_cannot_change_state(client, auth, world, viewer, owner, action):
    item = world[f"{owner}_draft"]
    auth.login(world[viewer + "_user"].email)
    assert client.post(_path(item) + f"/{action}").status_code == 404
    db.session.refresh(item)
    assert item.status == "draft"


def test_bureau_cannot_edit_an_organisations_item(client, auth, world):
    auth.login(world["bureau_user"].email)
    assert client.post(_path(world["school_a_published"]) + "/close").status_code == 404


@pytest.mark.parametrize("who,path", [("ent_a", "/programmes/new"), ("school_a", "/needs/new"), ("bureau", "/needs/new")])
def test_wrong_kind_cannot_create(client, auth, world, who, path):
    auth.login(world[who + "_user"].email)
    assert client.get(path).status_code == 403


def test_anonymous_is_sent_to_login(client, world):
    response = client.get("/programmes/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_workspace_lists_only_own_items(client, auth, world):
    auth.login(world["school_a_user"].email)
    html = client.get("/workspace").get_data(as_text=True)
    assert world["school_a_draft"].title in html
    assert world["school_b_draft"].title not in html
    assert world["school_b_published"].title not in html


@pytest.mark.parametrize("bureau_path", ["/bureau/organisations", "/bureau/audit", "/bureau/reference"])
@pytest.mark.parametrize("who", ["school_a", "ent_a"])
def test_bureau_pages_are_for_the_bureau_only(client, auth, world, who, bureau_path):
    auth.login(world[who + "_user"].email)
    assert client.get(bureau_path).status_code == 403


def test_org_admin_cannot_touch_another_organisations_accounts(client, auth, world):
    auth.login(world["school_a_user"].email)
    other = world["school_b_user"]
    assert client.post(f"/organisation/accounts/{other.id}/disable").status_code == 404
    db.session.refresh(other)
    assert other.active


def test_members_cannot_manage_accounts(client, auth, make):
    school = make.school()
    member = make.user(school, is_org_admin=False)
    auth.login(member.email)
    assert client.get("/organisation/accounts").status_code == 403
    assert client.get("/organisation/profile").status_code == 403
