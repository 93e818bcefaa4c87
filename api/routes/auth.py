"""Web-studio accounts: sign up (a new workspace and its owner), sign in and out, reset a
forgotten password by mail, accept an invitation. Passwords are checked with argon2; a
signed-in person gets a signed HttpOnly session cookie."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request, Response

from api.deps import ApiSettingsDep, CurrentWorkspace, ScopeDep, SessionDep, SettingsDep, charge
from api.settings import ApiSettings
from studio.auth import issue_session_token
from studio.config import Settings
from studio.db import User
from studio.schemas.account import (
    InviteAccept,
    InviteDetails,
    InviteToken,
    PasswordResetAsk,
    PasswordResetAsked,
    PasswordResetDo,
    SignIn,
    SignUp,
    UserPublic,
)
from studio.services import accounts, team
from studio.services.wording import wants_chinese

router = APIRouter(prefix="/auth", tags=["auth"])
AcceptLanguage = Annotated[str | None, Header(include_in_schema=False)]


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def _language(accept_language: str | None) -> str:
    return "zh-CN" if wants_chinese(accept_language) else "en"


def _signed_in(response: Response, user: User, settings: Settings,
               api: ApiSettings) -> UserPublic:
    response.set_cookie(
        api.session_cookie, issue_session_token(user, secret_key=settings.secret_key),
        max_age=api.session_max_age_seconds, httponly=True, secure=api.secure_cookies,
        samesite="lax", path="/",
    )
    return UserPublic.model_validate(user)


@router.post("/sign-in", response_model=UserPublic, operation_id="sign_in")
def sign_in(body: SignIn, request: Request, response: Response, session: SessionDep,
            settings: SettingsDep, api: ApiSettingsDep) -> UserPublic:
    """Check email + password and set the session cookie (HttpOnly, SameSite=Lax, Secure)."""
    # password guessing is limited per address and per account, like any API key
    charge(request, f"sign-in-ip:{_client(request)}")
    charge(request, f"sign-in:{body.email.strip().lower()}")
    user = accounts.sign_in(session, email=body.email, password=body.password)
    return _signed_in(response, user, settings, api)


@router.post("/sign-up", response_model=UserPublic, status_code=201, operation_id="sign_up")
def sign_up(body: SignUp, request: Request, response: Response, session: SessionDep,
            settings: SettingsDep, api: ApiSettingsDep) -> UserPublic:
    """Create a workspace and its first owner, and sign them in."""
    charge(request, f"sign-up-ip:{_client(request)}")
    user = accounts.sign_up(session, workspace=body.workspace, email=body.email,
                            password=body.password, name=body.name)
    return _signed_in(response, user, settings, api)


@router.post("/sign-out", status_code=204, operation_id="sign_out")
def sign_out(api: ApiSettingsDep) -> Response:
    """Forget the session cookie in this browser."""
    response = Response(status_code=204)
    response.delete_cookie(api.session_cookie, path="/")
    return response


@router.get("/me", response_model=UserPublic, operation_id="get_me")
def me(caller: CurrentWorkspace, scope: ScopeDep) -> UserPublic:
    """The signed-in user (session cookie only; an API key is not a user)."""
    return accounts.current_user(scope, caller.user_id)


@router.post("/forgot-password", response_model=PasswordResetAsked, status_code=202,
             operation_id="ask_password_reset")
def forgot_password(body: PasswordResetAsk, request: Request, session: SessionDep,
                    accept_language: AcceptLanguage = None) -> PasswordResetAsked:
    """Mail a password-reset link (single use, expiring) to this address if an account uses
    it. The answer is the same either way."""
    charge(request, f"reset-ip:{_client(request)}")
    charge(request, f"reset:{body.email.strip().lower()}")
    return accounts.ask_password_reset(session, email=body.email,
                                       request_base=str(request.base_url),
                                       lang=_language(accept_language))


@router.post("/reset-password", response_model=UserPublic, operation_id="reset_password")
def reset_password(body: PasswordResetDo, request: Request, response: Response,
                   session: SessionDep, settings: SettingsDep,
                   api: ApiSettingsDep) -> UserPublic:
    """Set a new password with the token of a reset link, and sign in. Sessions signed in
    with the old password end."""
    charge(request, f"reset-ip:{_client(request)}")
    user = accounts.reset_password(session, token=body.token, password=body.password)
    return _signed_in(response, user, settings, api)


@router.post("/invite", response_model=InviteDetails, operation_id="get_invite")
def invite_details(body: InviteToken, request: Request, session: SessionDep) -> InviteDetails:
    """What an invitation link offers (workspace, email, role), before accepting it."""
    charge(request, f"invite-ip:{_client(request)}")
    return team.invite_details(session, token=body.token)


@router.post("/accept-invite", response_model=UserPublic, status_code=201,
             operation_id="accept_invite")
def accept_invite(body: InviteAccept, request: Request, response: Response,
                  session: SessionDep, settings: SettingsDep,
                  api: ApiSettingsDep) -> UserPublic:
    """Join the workspace of an invitation link: make the account, and sign in."""
    charge(request, f"invite-ip:{_client(request)}")
    user = team.accept_invite(session, token=body.token, password=body.password,
                              name=body.name)
    return _signed_in(response, user, settings, api)
