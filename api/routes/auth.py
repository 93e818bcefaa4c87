"""Web-studio sign-in: a password checked with argon2, then a signed HttpOnly session cookie."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.deps import ApiSettingsDep, CurrentWorkspace, ScopeDep, SessionDep, SettingsDep, charge
from studio.auth import issue_session_token
from studio.schemas.account import SignIn, UserPublic
from studio.services import accounts

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/sign-in", response_model=UserPublic, operation_id="sign_in")
def sign_in(body: SignIn, request: Request, response: Response, session: SessionDep,
            settings: SettingsDep, api: ApiSettingsDep) -> UserPublic:
    """Check email + password and set the session cookie (HttpOnly, SameSite=Lax, Secure)."""
    # password guessing is limited per address and per account, like any API key
    charge(request, f"sign-in-ip:{request.client.host if request.client else '?'}")
    charge(request, f"sign-in:{body.email.strip().lower()}")
    user = accounts.sign_in(session, email=body.email, password=body.password)
    response.set_cookie(
        api.session_cookie, issue_session_token(user, secret_key=settings.secret_key),
        max_age=api.session_max_age_seconds, httponly=True, secure=api.secure_cookies,
        samesite="lax", path="/",
    )
    return UserPublic.model_validate(user)


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
