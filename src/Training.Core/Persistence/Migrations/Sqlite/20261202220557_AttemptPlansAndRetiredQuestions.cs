using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Training.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AttemptPlansAndRetiredQuestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PlanJson",
                table: "quizAttempt",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetiredUtc",
                table: "bankQuestion",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PlanJson",
                table: "quizAttempt");

            migrationBuilder.DropColumn(
                name: "RetiredUtc",
                table: "bankQuestion");
        }
    }
}
