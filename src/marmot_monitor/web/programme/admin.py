"""The programme in the admin. Edits made here are audited like those made through returns."""

from django.contrib import admin

from marmot_monitor.web.programme.audit import record, snapshot
from marmot_monitor.web.programme.models import (
    Action,
    ActionProgress,
    AuditEvent,
    BoardPaper,
    CouncilTemplate,
    PartnerReturn,
    Priority,
    ProgrammeActual,
    ProgrammeIndicator,
    ProgrammeTarget,
    ProgressPage,
    Reminder,
    ReturnPeriod,
)


class AuditedAdmin(admin.ModelAdmin):
    """Records who changed or deleted a record in the admin, with before and after."""

    def save_model(self, request, obj, form, change):
        before = snapshot(type(obj).objects.filter(pk=obj.pk).first()) if change else None
        super().save_model(request, obj, form, change)
        action = "changed in admin" if change else "added in admin"
        record(
            request.user,
            action=action,
            instance=obj,
            description=f"{obj._meta.verbose_name} {obj}: {action}",
            before=before,
            after=snapshot(obj),
        )

    def save_formset(self, request, form, formset, change):
        model = formset.model
        changed = [f.instance.pk for f in formset.forms if f.instance.pk and f.has_changed()]
        before = {obj.pk: snapshot(obj) for obj in model.objects.filter(pk__in=changed)}
        super().save_formset(request, form, formset, change)
        edits = [(obj, "added in admin", None) for obj in formset.new_objects]
        edits += [
            (obj, "changed in admin", before.get(obj.pk)) for obj, _ in formset.changed_objects
        ]
        edits += [(obj, "deleted in admin", snapshot(obj)) for obj in formset.deleted_objects]
        for obj, action, old in edits:
            record(
                request.user,
                action=action,
                instance=obj if action != "deleted in admin" else None,
                description=f"{obj._meta.verbose_name} {obj}: {action}",
                before=old,
                after=snapshot(obj) if action != "deleted in admin" else None,
            )

    def delete_model(self, request, obj):
        before = snapshot(obj)
        description = f"{obj._meta.verbose_name} {obj}: deleted in admin"
        super().delete_model(request, obj)
        record(request.user, action="deleted in admin", description=description, before=before)


class TargetInline(admin.TabularInline):
    model = ProgrammeTarget
    extra = 0


class ActualInline(admin.TabularInline):
    model = ProgrammeActual
    extra = 0


class ProgressInline(admin.StackedInline):
    model = ActionProgress
    extra = 0


class ReturnInline(admin.TabularInline):
    model = PartnerReturn
    extra = 0
    fields = ["partner", "status", "submitted_by", "submitted_at", "reviewed_by", "comment"]
    readonly_fields = ["submitted_by", "submitted_at", "reviewed_by"]


@admin.register(Priority)
class PriorityAdmin(AuditedAdmin):
    list_display = ["name", "title", "position"]


@admin.register(ProgrammeIndicator)
class ProgrammeIndicatorAdmin(AuditedAdmin):
    list_display = ["code", "title", "priority", "partner", "unit", "polarity"]
    list_filter = ["priority", "partner"]
    search_fields = ["code", "title"]
    inlines = [TargetInline, ActualInline]
    filter_horizontal = ["principles"]


@admin.register(ProgrammeTarget)
class ProgrammeTargetAdmin(AuditedAdmin):
    list_display = ["indicator", "period", "target", "note"]


@admin.register(ProgrammeActual)
class ProgrammeActualAdmin(AuditedAdmin):
    list_display = ["indicator", "period", "value", "note"]
    list_filter = ["period"]


@admin.register(Action)
class ActionAdmin(AuditedAdmin):
    list_display = ["number", "aim", "priority", "reporting_partner"]
    list_filter = ["priority"]
    inlines = [ProgressInline]
    filter_horizontal = ["lead_partners", "principles"]


@admin.register(ActionProgress)
class ActionProgressAdmin(AuditedAdmin):
    list_display = ["action", "period", "heading"]


@admin.register(ReturnPeriod)
class ReturnPeriodAdmin(AuditedAdmin):
    list_display = ["period", "due", "status", "narratives_due"]
    list_filter = ["status"]
    inlines = [ReturnInline]


@admin.register(PartnerReturn)
class PartnerReturnAdmin(AuditedAdmin):
    list_display = ["partner", "period", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status", "period", "partner"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail, read only: nobody edits or deletes it."""

    list_display = ["at", "username", "action", "description", "partner", "return_period"]
    list_filter = ["action", "partner", "return_period"]
    search_fields = ["description", "username"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BoardPaper)
class BoardPaperAdmin(AuditedAdmin):
    """The board paper's words per period (officers write them on the board paper page)."""

    list_display = ["return_period", "meeting", "meeting_date", "author", "updated_at"]


@admin.register(CouncilTemplate)
class CouncilTemplateAdmin(admin.ModelAdmin):
    """The council's Word template, uploaded (checked and audited) on the site: read only
    here; a new upload replaces it."""

    list_display = ["file_name", "uploaded_by", "uploaded_at"]
    exclude = ["content"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The reminder emails sent, read only: deleting one would send it again."""

    list_display = ["sent_at", "partner_return", "event", "recipients"]
    list_filter = ["event"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProgressPage)
class ProgressPageAdmin(AuditedAdmin):
    """Whether the public progress page is on (officers switch it on the programme's pages,
    /programme/change/progress-page); a change here is audited too."""

    list_display = ["is_public", "updated_by", "updated_at"]
