"""Contains all the data models used in inputs/outputs"""

from .account_info import AccountInfo
from .ad_import_public import AdImportPublic
from .ad_import_run import AdImportRun
from .ad_import_run_config import AdImportRunConfig
from .ad_imports_public import AdImportsPublic
from .ad_link_create import AdLinkCreate
from .ad_link_public import AdLinkPublic
from .ad_set import AdSet
from .ad_sets_public import AdSetsPublic
from .allocation_item import AllocationItem
from .api_key_create import ApiKeyCreate
from .api_key_created import ApiKeyCreated
from .api_key_public import ApiKeyPublic
from .api_keys_public import ApiKeysPublic
from .autopilot_public import AutopilotPublic
from .autopilot_public_options import AutopilotPublicOptions
from .autopilot_update import AutopilotUpdate
from .autopilot_update_formats_type_0_item import AutopilotUpdateFormatsType0Item
from .autopilot_update_options_type_0 import AutopilotUpdateOptionsType0
from .batch_create import BatchCreate
from .batch_failure import BatchFailure
from .batch_public import BatchPublic
from .batch_public_counts import BatchPublicCounts
from .batches_public import BatchesPublic
from .body_detect_import import BodyDetectImport
from .body_import_file import BodyImportFile
from .body_import_products import BodyImportProducts
from .body_set_brand_logo import BodySetBrandLogo
from .body_upload_ad_export import BodyUploadAdExport
from .brand_kit_public import BrandKitPublic
from .brand_kit_public_call_to_action import BrandKitPublicCallToAction
from .brand_kit_public_font_type_0 import BrandKitPublicFontType0
from .brand_kit_public_fonts import BrandKitPublicFonts
from .brand_kit_public_language_type_0 import BrandKitPublicLanguageType0
from .brand_kit_update import BrandKitUpdate
from .brand_kit_update_call_to_action_type_0 import BrandKitUpdateCallToActionType0
from .brand_kit_update_font_type_0 import BrandKitUpdateFontType0
from .brand_kit_update_language_type_0 import BrandKitUpdateLanguageType0
from .campaign import Campaign
from .candidate_public import CandidatePublic
from .candidate_public_options import CandidatePublicOptions
from .candidate_select import CandidateSelect
from .candidate_variant import CandidateVariant
from .candidates_create import CandidatesCreate
from .candidates_create_format import CandidatesCreateFormat
from .candidates_create_options import CandidatesCreateOptions
from .candidates_public import CandidatesPublic
from .catalog_filter import CatalogFilter
from .catalog_filter_formats_item import CatalogFilterFormatsItem
from .catalog_filter_options import CatalogFilterOptions
from .column_use import ColumnUse
from .connection_check import ConnectionCheck
from .connection_create import ConnectionCreate
from .connection_public import ConnectionPublic
from .connection_public_identity import ConnectionPublicIdentity
from .connection_update import ConnectionUpdate
from .connections_public import ConnectionsPublic
from .creative_facets import CreativeFacets
from .creative_video import CreativeVideo
from .creative_videos_public import CreativeVideosPublic
from .creatives_public import CreativesPublic
from .creatives_public_formulas import CreativesPublicFormulas
from .creatives_public_order import CreativesPublicOrder
from .creatives_public_sort import CreativesPublicSort
from .creatives_public_unlinked_spend import CreativesPublicUnlinkedSpend
from .deliveries_public import DeliveriesPublic
from .delivery_public import DeliveryPublic
from .detect_note import DetectNote
from .detect_note_params import DetectNoteParams
from .detected_file import DetectedFile
from .detected_file_counts import DetectedFileCounts
from .detected_file_kind import DetectedFileKind
from .detected_file_other_kinds_item import DetectedFileOtherKindsItem
from .detected_file_page_type_0 import DetectedFilePageType0
from .duplicate_group import DuplicateGroup
from .duplicate_groups import DuplicateGroups
from .event_public import EventPublic
from .event_public_payload import EventPublicPayload
from .event_subject import EventSubject
from .events_public import EventsPublic
from .field_error import FieldError
from .field_error_params import FieldErrorParams
from .file_import_accepted import FileImportAccepted
from .file_import_accepted_kind import FileImportAcceptedKind
from .file_import_accepted_result_type_0 import FileImportAcceptedResultType0
from .file_import_public import FileImportPublic
from .file_import_public_kind import FileImportPublicKind
from .gallery_preview_public import GalleryPreviewPublic
from .gallery_preview_public_status import GalleryPreviewPublicStatus
from .gallery_preview_request import GalleryPreviewRequest
from .gallery_preview_request_format import GalleryPreviewRequestFormat
from .get_recommendation_revenue import GetRecommendationRevenue
from .get_roi_report_by import GetRoiReportBy
from .get_roi_report_revenue import GetRoiReportRevenue
from .get_roi_trend_by import GetRoiTrendBy
from .get_roi_trend_interval import GetRoiTrendInterval
from .health import Health
from .import_job_public import ImportJobPublic
from .import_job_public_result_type_0 import ImportJobPublicResultType0
from .invite_accept import InviteAccept
from .invite_create import InviteCreate
from .invite_create_role import InviteCreateRole
from .invite_created import InviteCreated
from .invite_created_role import InviteCreatedRole
from .invite_details import InviteDetails
from .invite_details_role import InviteDetailsRole
from .invite_public import InvitePublic
from .invite_public_role import InvitePublicRole
from .invite_token import InviteToken
from .list_roi_creatives_order import ListRoiCreativesOrder
from .list_roi_creatives_revenue import ListRoiCreativesRevenue
from .list_roi_creatives_sort import ListRoiCreativesSort
from .member_public import MemberPublic
from .member_public_role import MemberPublicRole
from .notice_public import NoticePublic
from .notice_public_params import NoticePublicParams
from .order_import_result import OrderImportResult
from .password_reset_ask import PasswordResetAsk
from .password_reset_asked import PasswordResetAsked
from .password_reset_do import PasswordResetDo
from .plugin_failure import PluginFailure
from .plugin_public import PluginPublic
from .plugin_public_provides_item import PluginPublicProvidesItem
from .plugins_public import PluginsPublic
from .preview_public import PreviewPublic
from .preview_request import PreviewRequest
from .preview_request_format import PreviewRequestFormat
from .preview_request_output import PreviewRequestOutput
from .preview_request_overrides import PreviewRequestOverrides
from .problem_details import ProblemDetails
from .problem_details_params import ProblemDetailsParams
from .product_choice import ProductChoice
from .product_create import ProductCreate
from .product_create_attributes import ProductCreateAttributes
from .product_import_result import ProductImportResult
from .product_import_source import ProductImportSource
from .product_import_source_config import ProductImportSourceConfig
from .product_merge import ProductMerge
from .product_merge_result import ProductMergeResult
from .product_public import ProductPublic
from .product_public_attributes import ProductPublicAttributes
from .product_update import ProductUpdate
from .product_update_attributes_type_0 import ProductUpdateAttributesType0
from .product_variant import ProductVariant
from .product_variant_options import ProductVariantOptions
from .products_public import ProductsPublic
from .publish_request import PublishRequest
from .publish_target import PublishTarget
from .published_ad_public import PublishedAdPublic
from .published_ads_public import PublishedAdsPublic
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .recommendation_detailed import RecommendationDetailed
from .recommendation_detailed_p_best import RecommendationDetailedPBest
from .recommendation_detailed_slots import RecommendationDetailedSlots
from .recommendation_item import RecommendationItem
from .recommendations_detailed import RecommendationsDetailed
from .recommendations_detailed_formulas import RecommendationsDetailedFormulas
from .redelivery_public import RedeliveryPublic
from .rejected_row_public import RejectedRowPublic
from .rejected_row_public_raw import RejectedRowPublicRaw
from .rejected_rows_public import RejectedRowsPublic
from .roi_report_public import RoiReportPublic
from .roi_report_public_formulas import RoiReportPublicFormulas
from .roi_report_public_unlinked_spend import RoiReportPublicUnlinkedSpend
from .role_change import RoleChange
from .role_change_role import RoleChangeRole
from .row_rejection import RowRejection
from .row_rejection_raw import RowRejectionRaw
from .saved_template_create import SavedTemplateCreate
from .saved_template_create_fields import SavedTemplateCreateFields
from .saved_template_create_language_type_0 import SavedTemplateCreateLanguageType0
from .saved_template_public import SavedTemplatePublic
from .saved_template_public_fields import SavedTemplatePublicFields
from .saved_template_public_language_type_0 import SavedTemplatePublicLanguageType0
from .saved_template_update import SavedTemplateUpdate
from .saved_template_update_fields_type_0 import SavedTemplateUpdateFieldsType0
from .saved_template_update_language_type_0 import SavedTemplateUpdateLanguageType0
from .saved_templates_public import SavedTemplatesPublic
from .sign_in import SignIn
from .sign_up import SignUp
from .store_public import StorePublic
from .store_settings import StoreSettings
from .sync_job_public import SyncJobPublic
from .sync_job_public_result_type_0 import SyncJobPublicResultType0
from .team_public import TeamPublic
from .template_detail import TemplateDetail
from .template_detail_fields import TemplateDetailFields
from .template_detail_fields_additional_property import TemplateDetailFieldsAdditionalProperty
from .template_detail_saved_type_0 import TemplateDetailSavedType0
from .template_public import TemplatePublic
from .templates_public import TemplatesPublic
from .trend_point_public import TrendPointPublic
from .trend_public import TrendPublic
from .trend_public_formulas import TrendPublicFormulas
from .unlinked_ad_public import UnlinkedAdPublic
from .unlinked_ads_public import UnlinkedAdsPublic
from .unmatched_row_public import UnmatchedRowPublic
from .unmatched_rows_public import UnmatchedRowsPublic
from .usage_line_public import UsageLinePublic
from .usage_public import UsagePublic
from .user_public import UserPublic
from .user_public_role import UserPublicRole
from .variant_spec import VariantSpec
from .video_create import VideoCreate
from .video_create_format import VideoCreateFormat
from .video_create_options import VideoCreateOptions
from .video_public import VideoPublic
from .video_public_options import VideoPublicOptions
from .videos_public import VideosPublic
from .webhook_create import WebhookCreate
from .webhook_created import WebhookCreated
from .webhook_public import WebhookPublic
from .webhook_update import WebhookUpdate
from .webhooks_public import WebhooksPublic
from .worker_public import WorkerPublic
from .workers_public import WorkersPublic

__all__ = (
    "AccountInfo",
    "AdImportPublic",
    "AdImportRun",
    "AdImportRunConfig",
    "AdImportsPublic",
    "AdLinkCreate",
    "AdLinkPublic",
    "AdSet",
    "AdSetsPublic",
    "AllocationItem",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyPublic",
    "ApiKeysPublic",
    "AutopilotPublic",
    "AutopilotPublicOptions",
    "AutopilotUpdate",
    "AutopilotUpdateFormatsType0Item",
    "AutopilotUpdateOptionsType0",
    "BatchCreate",
    "BatchesPublic",
    "BatchFailure",
    "BatchPublic",
    "BatchPublicCounts",
    "BodyDetectImport",
    "BodyImportFile",
    "BodyImportProducts",
    "BodySetBrandLogo",
    "BodyUploadAdExport",
    "BrandKitPublic",
    "BrandKitPublicCallToAction",
    "BrandKitPublicFonts",
    "BrandKitPublicFontType0",
    "BrandKitPublicLanguageType0",
    "BrandKitUpdate",
    "BrandKitUpdateCallToActionType0",
    "BrandKitUpdateFontType0",
    "BrandKitUpdateLanguageType0",
    "Campaign",
    "CandidatePublic",
    "CandidatePublicOptions",
    "CandidatesCreate",
    "CandidatesCreateFormat",
    "CandidatesCreateOptions",
    "CandidateSelect",
    "CandidatesPublic",
    "CandidateVariant",
    "CatalogFilter",
    "CatalogFilterFormatsItem",
    "CatalogFilterOptions",
    "ColumnUse",
    "ConnectionCheck",
    "ConnectionCreate",
    "ConnectionPublic",
    "ConnectionPublicIdentity",
    "ConnectionsPublic",
    "ConnectionUpdate",
    "CreativeFacets",
    "CreativesPublic",
    "CreativesPublicFormulas",
    "CreativesPublicOrder",
    "CreativesPublicSort",
    "CreativesPublicUnlinkedSpend",
    "CreativeVideo",
    "CreativeVideosPublic",
    "DeliveriesPublic",
    "DeliveryPublic",
    "DetectedFile",
    "DetectedFileCounts",
    "DetectedFileKind",
    "DetectedFileOtherKindsItem",
    "DetectedFilePageType0",
    "DetectNote",
    "DetectNoteParams",
    "DuplicateGroup",
    "DuplicateGroups",
    "EventPublic",
    "EventPublicPayload",
    "EventsPublic",
    "EventSubject",
    "FieldError",
    "FieldErrorParams",
    "FileImportAccepted",
    "FileImportAcceptedKind",
    "FileImportAcceptedResultType0",
    "FileImportPublic",
    "FileImportPublicKind",
    "GalleryPreviewPublic",
    "GalleryPreviewPublicStatus",
    "GalleryPreviewRequest",
    "GalleryPreviewRequestFormat",
    "GetRecommendationRevenue",
    "GetRoiReportBy",
    "GetRoiReportRevenue",
    "GetRoiTrendBy",
    "GetRoiTrendInterval",
    "Health",
    "ImportJobPublic",
    "ImportJobPublicResultType0",
    "InviteAccept",
    "InviteCreate",
    "InviteCreated",
    "InviteCreatedRole",
    "InviteCreateRole",
    "InviteDetails",
    "InviteDetailsRole",
    "InvitePublic",
    "InvitePublicRole",
    "InviteToken",
    "ListRoiCreativesOrder",
    "ListRoiCreativesRevenue",
    "ListRoiCreativesSort",
    "MemberPublic",
    "MemberPublicRole",
    "NoticePublic",
    "NoticePublicParams",
    "OrderImportResult",
    "PasswordResetAsk",
    "PasswordResetAsked",
    "PasswordResetDo",
    "PluginFailure",
    "PluginPublic",
    "PluginPublicProvidesItem",
    "PluginsPublic",
    "PreviewPublic",
    "PreviewRequest",
    "PreviewRequestFormat",
    "PreviewRequestOutput",
    "PreviewRequestOverrides",
    "ProblemDetails",
    "ProblemDetailsParams",
    "ProductChoice",
    "ProductCreate",
    "ProductCreateAttributes",
    "ProductImportResult",
    "ProductImportSource",
    "ProductImportSourceConfig",
    "ProductMerge",
    "ProductMergeResult",
    "ProductPublic",
    "ProductPublicAttributes",
    "ProductsPublic",
    "ProductUpdate",
    "ProductUpdateAttributesType0",
    "ProductVariant",
    "ProductVariantOptions",
    "PublishedAdPublic",
    "PublishedAdsPublic",
    "PublishRequest",
    "PublishTarget",
    "Readiness",
    "ReadinessChecks",
    "RecommendationDetailed",
    "RecommendationDetailedPBest",
    "RecommendationDetailedSlots",
    "RecommendationItem",
    "RecommendationsDetailed",
    "RecommendationsDetailedFormulas",
    "RedeliveryPublic",
    "RejectedRowPublic",
    "RejectedRowPublicRaw",
    "RejectedRowsPublic",
    "RoiReportPublic",
    "RoiReportPublicFormulas",
    "RoiReportPublicUnlinkedSpend",
    "RoleChange",
    "RoleChangeRole",
    "RowRejection",
    "RowRejectionRaw",
    "SavedTemplateCreate",
    "SavedTemplateCreateFields",
    "SavedTemplateCreateLanguageType0",
    "SavedTemplatePublic",
    "SavedTemplatePublicFields",
    "SavedTemplatePublicLanguageType0",
    "SavedTemplatesPublic",
    "SavedTemplateUpdate",
    "SavedTemplateUpdateFieldsType0",
    "SavedTemplateUpdateLanguageType0",
    "SignIn",
    "SignUp",
    "StorePublic",
    "StoreSettings",
    "SyncJobPublic",
    "SyncJobPublicResultType0",
    "TeamPublic",
    "TemplateDetail",
    "TemplateDetailFields",
    "TemplateDetailFieldsAdditionalProperty",
    "TemplateDetailSavedType0",
    "TemplatePublic",
    "TemplatesPublic",
    "TrendPointPublic",
    "TrendPublic",
    "TrendPublicFormulas",
    "UnlinkedAdPublic",
    "UnlinkedAdsPublic",
    "UnmatchedRowPublic",
    "UnmatchedRowsPublic",
    "UsageLinePublic",
    "UsagePublic",
    "UserPublic",
    "UserPublicRole",
    "VariantSpec",
    "VideoCreate",
    "VideoCreateFormat",
    "VideoCreateOptions",
    "VideoPublic",
    "VideoPublicOptions",
    "VideosPublic",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookPublic",
    "WebhooksPublic",
    "WebhookUpdate",
    "WorkerPublic",
    "WorkersPublic",
)
