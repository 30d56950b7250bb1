'use client'
import { signIn } from 'next-auth/react'
import { useState } from 'react'

export function SignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false)
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true)
        void signIn('adobe', { callbackUrl })
      }}
      className="w-full rounded-md bg-red-600 px-4 py-2.5 font-medium text-white shadow-sm hover:bg-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-2 disabled:opacity-60"
    >
      {pending ? 'Redirecting to Adobe…' : 'Sign in with Adobe'}
    </button>
  )
}
