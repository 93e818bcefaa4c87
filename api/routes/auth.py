"""Web-studio sign-in: a password checked with argon2, then a signed HttpOnly session cookie."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.deps import ApiSettingsDep, CurrentWorkspace, SessionDep, SettingsDep, charge
from api.errors import Problem
from api.schemas.account import SignIn, UserPublic
from studio.auth import authenticate_user, issue_session_token
from studio.db import User

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/sign-in", response_model=UserPublic)
def sign_in(
    body: SignIn,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    api: ApiSettingsDep,
) -> UserPublic:
    """Check email + password and set the session cookie (HttpOnly, SameSite=Lax, Secure)."""
    # password guessing is limited per address and per account, like any API key
    charge(request, f"sign-in-ip:{request.client.host if request.client else '?'}")
    charge(request, f"sign-in:{body.email.strip().lower()}")
    user = authenticate_user(session=session, email=body.email, password=body.password)
    if user is None:
        raise Problem(
            401,
            "email or password is wrong; check both (passwords are case-sensitive)",
            slug="unauthorized",
            field="body.password",
        )
    response.set_cookie(
        api.session_cookie,
        issue_session_token(user, secret_key=settings.secret_key),
        max_age=api.session_max_age_seconds,
        httponly=True,
        secure=api.secure_cookies,
        samesite="lax",
        path="/",
    )
    return UserPublic.model_validate(user)


@router.post("/sign-out", status_code=204)
def sign_out(response: Response, api: ApiSettingsDep) -> Response:
    """Forget the session cookie in this browser."""
    response = Response(status_code=204)
    response.delete_cookie(api.session_cookie, path="/")
    return response


@router.get("/me", response_model=UserPublic)
def me(caller: CurrentWorkspace, session: SessionDep) -> UserPublic:
    """The signed-in user (session cookie only; an API key is not a user)."""
    user = session.get(User, caller.user_id) if caller.user_id else None
    if user is None:
        raise Problem(404, "this caller is an API key, not a signed-in user", slug="not-found")
    return UserPublic.model_validate(user)
