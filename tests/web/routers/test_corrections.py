from tests.conftest import WEB_TOKEN

from eventwire.export import apply_corrections

AUTH = {"Authorization": f"Bearer {WEB_TOKEN}"}
STRIKE = {"kind": "event", "article": "wire-strike", "id": "e1"}
TALKS = {"kind": "event", "article": "wire-talks", "id": "e1"}


def correct(client, target, **body):
    return client.post("/api/corrections", json={"target": target, "by": "ana", **body}, headers=AUTH)


def test_corrections_need_the_token(web_client):
    response = web_client.post("/api/corrections", json={"target": STRIKE, "action": "accept", "by": "ana"})
    assert response.status_code == 401


def test_corrections_record_old_and_new_beside_the_machine_coding(web_client, web_store):
    response = correct(web_client, STRIKE, action="correct", field="dead", new=14, note="hospital figure")
    assert response.status_code == 201, response.text
    made = response.json()
    assert (made["old"], made["new"], made["by"], made["field"]) == (12, 14, "ana", "dead")
    assert made["at"].endswith("Z") and made["id"].startswith("corr:")
    assert correct(web_client, STRIKE, action="correct", field="dead", new=15).json()["old"] == 14
    assert web_client.get("/api/articles/wire-strike").json()["events"][0]["magnitude"]["dead"] == 12
    assert web_client.get("/api/articles/wire-strike", params={"corrected": "true"}).json()["events"][0]["magnitude"]["dead"] == 15
    page = web_client.get("/articles/wire-strike").text
    assert "dead 12" in page and "as corrected:" in page and "dead 15" in page
    audit = web_client.get("/api/corrections", params={"article": "wire-strike"}).json()
    assert audit["total"] == 2 and [c["new"] for c in audit["items"]] == [14, 15]


def test_corrections_reject_then_accept_the_last_verdict_wins(web_client, web_store):
    assert correct(web_client, TALKS, action="reject").status_code == 201
    (talks,) = [r for r in apply_corrections(web_store.records(), web_store.corrections()) if r.article.id == "wire-talks"]
    assert talks.events == []
    assert correct(web_client, TALKS, action="accept").status_code == 201
    (talks,) = [r for r in apply_corrections(web_store.records(), web_store.corrections()) if r.article.id == "wire-talks"]
    assert len(talks.events) == 1


def test_corrections_refuse_values_that_do_not_fit(web_client):
    assert correct(web_client, STRIKE, action="correct", field="dead", new="many").status_code == 422
    assert correct(web_client, STRIKE, action="correct", field="modality", new="rumoured").status_code == 422
    assert correct(web_client, STRIKE, action="correct", field="actors", new=["actor:nobody"]).status_code == 422
    assert correct(web_client, STRIKE, action="correct", field="colour", new="red").status_code == 422
    assert correct(web_client, STRIKE, action="correct").status_code == 422
    assert correct(web_client, {**STRIKE, "id": "e9"}, action="accept").status_code == 404
    assert correct(web_client, {**STRIKE, "article": "nope"}, action="accept").status_code == 404


def test_corrections_csv_is_the_audit_list(web_client):
    text = web_client.get("/api/corrections", params={"format": "csv"}).text
    assert text.splitlines()[0].startswith("id,target,action,field,old,new,by,at,note")
