"""The disposal page costs the same whatever is listed: one query per kind of record."""

from datetime import date

import pytest
from django.urls import reverse

from tests.retention.conftest import certify, make_record

pytestmark = pytest.mark.django_db

# 1 session  2 user  3 centre  4 grants (appointments in force)  5 consortium partners
# 6-15 one per kind of record: employer activities, import jobs, assessment records, hand-in
# files, IV records, IV samples, appeals, malpractice cases, adjustments, special
# consideration  16 past disposals (with who confirmed them)
QUERIES = 16


def test_the_page_costs_the_same_for_more_records(client, world, django_assert_num_queries):
    client.force_login(world["nominee"])
    url = reverse("retention:disposal-list", args=[world.centre.pk])
    certify(make_record(world).submission.learner, date(2022, 8, 20))
    client.get(url)  # the content types are cached from here on
    with django_assert_num_queries(QUERIES):
        client.get(url)
    for n in range(3):
        make_record(world, title=f"Unit 3 Assignment {n + 2}")
    with django_assert_num_queries(QUERIES):
        page = client.get(url).content.decode()
    assert page.count("Confirm disposal<") == 12  # 4 records, their files and IV checks
