"""Import every model so that metadata (migrations, create_all) sees them all."""
from .accounts.models import User  # noqa: F401
from .audit.models import AuditEntry  # noqa: F401
from .needs.models import Need  # noqa: F401
from .organisations.models import Organisation  # noqa: F401
from .programmes.models import Programme, programme_modes  # noqa: F401
from .reference.models import Cluster, District, Level, Mode, NeedKind, PlanTarget  # noqa: F401
from .notifications.models import Notification  # noqa: F401
from .pairings.models import Pairing  # noqa: F401
from .projects.models import FollowUp, Milestone, Project, ProjectEvent  # noqa: F401
from .recommendations.models import Recommendation  # noqa: F401
from .api.models import ApiToken  # noqa: F401
from .events.models import DockingEvent, Meeting, MeetingRequest, Registration  # noqa: F401
from .policies.models import Policy  # noqa: F401
from .certification.models import AnnualReport, Certification, Decision, EvidenceFile, Objection  # noqa: F401
from .dashboard.models import PlanRecord  # noqa: F401
from .jobs.models import Job  # noqa: F401
from .imports.models import ImportBatch  # noqa: F401
from .workdays.models import CalendarDay  # noqa: F401
from .attributes.models import AttributeRequest  # noqa: F401
