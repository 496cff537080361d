"""Who may attempt an operation, decided before its input is read: a school POSTing a need
gets 403 whatever the body holds, never 400 or 422.

Each check asks a role rule of core.permissions, the same rule the service authorizes with
before it writes; asking it here first only makes the refusal come before the body is read."""
from ..core.permissions import authorize


def create_posting(spec, user):
    """Only the spec's kind of organisation (rule posting.create)."""
    authorize(user, "posting.create", spec)


def propose_pairing(user):
    """A verified school or enterprise (rule pairing.propose)."""
    authorize(user, "pairing.propose")


def decline_pairing(pairing, user):
    """The invited side (rule pairing.decline_as)."""
    authorize(user, "pairing.decline_as", pairing)


def project_party(project, user):
    """Milestones, the agreement file and lifecycle steps are the parties' (rule project.act_as_party)."""
    authorize(user, "project.act_as_party", project)


def transition_project(project, user, target):
    """The parties; the bureau may also terminate (rule project.terminate_as)."""
    authorize(user, "project.terminate_as" if target == "terminated" else "project.act_as_party", project)


def submit_summary(project, user):
    """The school party (rule project.summarise_as)."""
    authorize(user, "project.summarise_as", project)


def register_for_event(user):
    """A verified school or enterprise (rule event.register_as)."""
    authorize(user, "event.register_as")
