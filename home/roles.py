"""The editorial roles and the moderation workflow. Idempotent: migrations and tests call it."""

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
# Personal data of registrants is seen only by Moderators and by this group (DSGVO Art. 5(1)(f)).
REGISTRATION_MANAGERS = "Registration managers"
WORKFLOW_NAME = "Moderators approval"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Translators change and publish pages of the translated trees only; the German sources they
# translate went through the Moderators' approval already.
TRANSLATOR_PAGE_PERMISSIONS = ["change_page", "publish_page"]

# Wagtail treats deleting media as changing it, and lets whoever may add media change their
# own uploads: Editors manage their own images and documents, Moderators everyone's.
MEDIA_PERMISSIONS = {
    EDITORS: ["add_image", "choose_image", "add_document", "choose_document"],
    MODERATORS: ["add_image", "change_image", "choose_image", "add_document", "change_document",
                 "choose_document"],
    TRANSLATORS: ["choose_image", "choose_document"],
}  # fmt: skip

PERSONAL_DATA_PERMISSIONS = [
    ("conferences", "view_registration"),
    ("conferences", "change_registration"),
    ("conferences", "delete_registration"),
    ("conferences", "view_personaldataaccess"),
]

MODEL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        ("home", "add_topic"),
        ("home", "change_topic"),
        ("wagtail_localize", "submit_translation"),
        ("conferences", "add_venue"),
        ("conferences", "change_venue"),
        ("conferences", "add_speaker"),
        ("conferences", "change_speaker"),
        ("casestudies", "add_municipality"),
        ("casestudies", "change_municipality"),
        ("search", "view_querystatistic"),
    ],
    MODERATORS: [
        ("wagtailadmin", "access_admin"),
        ("home", "add_topic"),
        ("home", "change_topic"),
        ("home", "delete_topic"),
        ("home", "change_sitesettings"),
        ("wagtail_localize", "submit_translation"),
        ("conferences", "add_venue"),
        ("conferences", "change_venue"),
        ("conferences", "delete_venue"),
        ("conferences", "add_speaker"),
        ("conferences", "change_speaker"),
        ("conferences", "delete_speaker"),
        ("casestudies", "add_municipality"),
        ("casestudies", "change_municipality"),
        ("casestudies", "delete_municipality"),
        ("search", "view_querystatistic"),
        # Promoted results go live at once, without the workflow: Moderators choose them.
        ("wagtailsearchpromotions", "add_searchpromotion"),
        ("wagtailsearchpromotions", "change_searchpromotion"),
        ("wagtailsearchpromotions", "delete_searchpromotion"),
        *PERSONAL_DATA_PERMISSIONS,
    ],
    TRANSLATORS: [
        ("wagtailadmin", "access_admin"),
        ("home", "change_topic"),
        ("wagtail_localize", "submit_translation"),
        ("conferences", "change_venue"),
        ("conferences", "change_speaker"),
        ("casestudies", "change_municipality"),
    ],
    REGISTRATION_MANAGERS: [("wagtailadmin", "access_admin"), *PERSONAL_DATA_PERMISSIONS],
}


def migrate_roles(apps, schema_editor):
    """Data migrations call this whenever an app brings models the roles work with."""
    from django.conf import settings
    from django.contrib.auth.management import create_permissions

    # Permissions of new models normally appear only after all migrations (post_migrate).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps, source_language=settings.LANGUAGE_CODE)


def ensure_roles(apps, source_language="de"):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    # A model migrated later than this call grants its permissions from its own migration.
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in MODEL_PERMISSIONS}
    for name, perms in MODEL_PERMISSIONS.items():
        existing = Permission.objects.none()
        for app_label, codename in perms:
            existing |= Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        groups[name].permissions.set(existing)

    root = Page.objects.get(depth=1)
    for name, codenames in (
        (EDITORS, EDITOR_PAGE_PERMISSIONS),
        (MODERATORS, MODERATOR_PAGE_PERMISSIONS),
    ):  # noqa: E501
        GroupPagePermission.objects.filter(group=groups[name], page=root).exclude(
            permission__codename__in=codenames
        ).delete()
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root, permission=permission("wagtailcore", codename)
            )
    for locale_root in Page.objects.filter(depth=2).exclude(locale__language_code=source_language):
        grant_translator_tree(apps, locale_root, groups[TRANSLATORS])

    root_collection = Collection.objects.get(depth=1)
    for name, codenames in MEDIA_PERMISSIONS.items():
        GroupCollectionPermission.objects.filter(
            group=groups[name], collection=root_collection
        ).exclude(permission__codename__in=codenames).delete()
        for codename in codenames:
            app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name],
                collection=root_collection,
                permission=permission(app_label, codename),
            )

    _ensure_workflow(apps, groups[MODERATORS], root, ContentType)
    return groups


def grant_translator_tree(apps, locale_root, translators=None):
    """Translators edit every tree but the source language's, future locales included."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    translators = translators or Group.objects.filter(name=TRANSLATORS).first()
    if translators is None:
        return
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=translators,
            page_id=locale_root.pk,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def _ensure_workflow(apps, moderators, root, ContentType):
    """Everything under the root page goes through one approval step by the Moderators."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task = GroupApprovalTask.objects.filter(groups=moderators, active=True).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW_NAME,
            active=True,
            content_type=ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0],
        )
        task.groups.set([moderators])
    workflow = Workflow.objects.filter(workflow_tasks__task=task, active=True).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def may_edit_source(user, instance):
    """Translators change snippets only in their translations (through the translation
    editor); the source-language original belongs to those who may create such snippets."""
    from django.conf import settings
    from wagtail.models import TranslatableMixin

    if not isinstance(instance, TranslatableMixin):
        return True
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return True
    opts = instance._meta
    return user.has_perm(f"{opts.app_label}.add_{opts.model_name}")
