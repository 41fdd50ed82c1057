"""The framework is edited here: versions with their objectives inline, objectives with their
measures inline, every change kept in the history. A new year's version is started from the
last with the "copy" action, which calls `services.copy_version`."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from qmr.errors import DomainError
from qmr.framework import services
from qmr.framework.models import FrameworkVersion, Measure, Objective


class ObjectiveInline(admin.TabularInline):
    model = Objective
    fields = ["number", "code", "title", "blocks_certification"]
    extra = 0
    show_change_link = True


class MeasureInline(admin.StackedInline):
    model = Measure
    fields = [("number", "code"), "title", "summary", "suggested_evidence"]
    extra = 0


class CopyForm(forms.Form):
    name = forms.CharField(max_length=150, help_text='For example "Quality Management Review '
                                                     '2017-18".')
    first_year = forms.IntegerField(min_value=2000, max_value=2100,
                                    help_text="The first academic year it applies to, by the "
                                              "year it starts in (2017 for 2017/18).")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="What changes from the version it copies.")


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "years_label", "status"]
    list_filter = ["status"]
    inlines = [ObjectiveInline]
    actions = ["copy_as_new_version", "publish"]

    @admin.action(description="Start a new year's version as a copy of the selected one",
                  permissions=["add"])
    def copy_as_new_version(self, request: HttpRequest,
                            queryset: QuerySet) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one version to copy.", messages.ERROR)
            return None
        source = queryset.get()
        form = CopyForm(request.POST if "apply" in request.POST else None, initial={
            "first_year": (source.last_year or source.first_year) + 1})
        if form.is_valid():
            try:
                copy = services.copy_version(actor=request.user, source=source,
                                             **form.cleaned_data)
            except (DomainError, PermissionDenied) as e:
                form.add_error(None, str(e))
            else:
                self.message_user(request, f"{copy.name} was started as a draft copy of "
                                           f"{source.name}. Edit it, then publish it.")
                return None
        return TemplateResponse(request, "framework/admin_copy_version.html", {
            **self.admin_site.each_context(request), "title": f"Copy {source.name}",
            "source": source, "form": form, "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME})

    @admin.action(description="Publish the selected drafts to centres", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        for version in queryset:
            try:
                services.publish_version(actor=request.user, version=version)
            except DomainError as e:
                self.message_user(request, str(e), messages.ERROR)
            else:
                self.message_user(request, f"{version.name} is published.")


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "version", "blocks_certification"]
    list_filter = ["version"]
    search_fields = ["code", "title"]
    inlines = [MeasureInline]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "objective"]
    list_filter = ["objective__version"]
    search_fields = ["code", "title", "summary"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("objective__version")
